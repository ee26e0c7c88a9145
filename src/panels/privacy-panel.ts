// <local-shelf-privacy>: what Localshelf stores about the shopper, with export, pause/resume and
// erase (after a confirmation). Loaded lazily: nothing of it is in the first-paint script.
import type { Localshelf } from '../app/engine'
import type { PrivacySummary } from '../app/privacy'
import { el } from './dom'
import { enginePanel } from './engine-panel'

/** The panel's words; assign `element.strings = {...}` to translate. */
export const PRIVACY_STRINGS = {
  heading: 'What this shop’s recommendations know about you',
  intro: 'Everything below is stored in this browser only. Nothing is sent to the shop or anyone else.',
  interactions: 'Interactions',
  none: 'none',
  impressions: 'Products shown to you',
  impressionsNote: 'counted for the shop’s statistics, not learned from',
  recent: 'Last products',
  model: 'Personal model',
  notTrained: 'not personalised yet: nothing has been learned on this device',
  trained: 'fine-tuned on this device ({backend}) on {date}, {size} numbers',
  learning: 'Learning',
  active: 'on',
  paused: 'paused: nothing new is recorded',
  noConsent: 'off until you agree to personalised recommendations',
  export: 'Export my data',
  pause: 'Pause learning',
  resume: 'Resume learning',
  erase: 'Erase everything',
  confirm: 'Erase everything Localshelf stored in this browser? This cannot be undone.',
  yes: 'Yes, erase',
  cancel: 'Cancel',
  erased: 'Erased: your interactions, the personal model and the statistics are gone from this browser.',
  exported: 'Exported: the file holds everything Localshelf stored in this browser.',
  types: { view: 'viewed', click: 'clicked', cart: 'added to cart', purchase: 'bought', dismiss: 'dismissed', query: 'searches', remove: 'removed from cart' } as Record<string, string>,
}

const sheet: { sheet?: CSSStyleSheet } = {}

export function definePrivacyPanel(getEngine: () => Promise<Localshelf>, tagName = 'local-shelf-privacy'): void {
  if (typeof customElements == 'undefined' || customElements.get(tagName)) return
  customElements.define(tagName, class extends enginePanel(getEngine, sheet) {
    strings = PRIVACY_STRINGS
    status = el('p', { role: 'status', part: 'status' })
    confirming = false

    showError(text: string) {
      this.say(text)
    }

    say(text: string) {
      this.status.textContent = text
    }

    async refresh() {
      const engine = this.engine
      if (!engine) return
      const s = this.strings
      const info = await engine.privacy()
      const locale = engine.locale
      const count = new Intl.NumberFormat(locale)
      const date = new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' })
      const interactions = Object.entries(info.events).map(([type, n]) => `${count.format(n)} ${s.types[type] ?? type}`).join(', ') || s.none
      const model = info.trained
        ? s.trained.replace('{backend}', info.trained.backend).replace('{date}', date.format(info.trained.at)).replace('{size}', count.format(info.modelParameters))
        : s.notTrained
      const learning = !info.consent ? s.noConsent : info.paused ? s.paused : s.active
      const row = (term: string, ...value: Array<Node | string>) => [el('dt', {}, term), el('dd', {}, ...value)]
      const list = info.recent.length ? el('ul', {}, ...info.recent.map((r) => el('li', {}, `${r.title} (${s.types[r.type] ?? r.type})`))) : s.none
      const buttons = this.buttons(info)
      this.root.replaceChildren(
        el('section', { part: 'panel', 'aria-labelledby': 'h' },
          el('h2', { id: 'h', part: 'heading' }, s.heading),
          el('p', {}, s.intro),
          el('dl', { part: 'facts' },
            ...row(s.interactions, interactions),
            ...row(s.impressions, `${count.format(info.impressions)} (${s.impressionsNote})`),
            ...row(s.recent, list),
            ...row(s.model, model),
            ...row(s.learning, learning)),
          buttons,
          this.status),
      )
    }

    buttons(info: PrivacySummary): HTMLElement {
      const s = this.strings
      const button = (label: string, action: () => unknown, part = 'button') => {
        const b = el('button', { type: 'button', part }, label)
        b.addEventListener('click', () => void Promise.resolve(action()).catch((error) => this.say(String(error?.message ?? error))))
        return b
      }
      if (this.confirming) {
        return el('div', { role: 'group', 'aria-label': s.erase },
          el('p', {}, s.confirm),
          button(s.yes, async () => {
            this.confirming = false
            await this.engine!.erase()
            await this.refresh()
            this.say(s.erased)
          }, 'button danger'),
          button(s.cancel, () => {
            this.confirming = false
            return this.refresh()
          }))
      }
      return el('div', {},
        button(s.export, async () => {
          const data = await this.engine!.exportData()
          const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }))
          const link = el('a', { href: url, download: `localshelf-data-${new Date().toISOString().slice(0, 10)}.json` })
          this.root.append(link)
          link.click()
          link.remove()
          setTimeout(() => URL.revokeObjectURL(url), 1000)
          this.say(s.exported)
        }),
        info.consent ? button(info.paused ? s.resume : s.pause, () => (info.paused ? this.engine!.resume() : this.engine!.pause())) : null,
        button(s.erase, async () => {
          this.confirming = true
          await this.refresh()
          ;(this.root.querySelector('[part~=danger]') as HTMLElement | null)?.focus()
        }, 'button danger'))
    }
  })
}
