// <local-shelf-stats>: the shop's own view of its on-device A/B numbers, per arm and placement,
// with 95% intervals and a small inline-SVG chart of the click-through rates. Loaded lazily.
import type { Localshelf } from '../app/engine'
import type { ShelfStats } from '../core/attribution'
import type { Interval } from '../core/stats'
import { el, svg } from './dom'
import { enginePanel } from './engine-panel'

export const STATS_STRINGS = {
  heading: 'Shelf statistics on this device',
  intro: 'Counted in this browser only; each device is in one arm. Intervals are 95%.',
  empty: 'No shelf has been shown yet.',
  arm: 'Arm', placement: 'Shelf', impressions: 'Impressions', clicks: 'Clicks', ctr: 'Click rate',
  carts: 'Added to cart', purchases: 'Bought', revenue: 'Revenue',
  chart: 'Click rate per arm and shelf, with 95% intervals',
  thisDevice: 'This device’s arm: {arm}',
}

const sheet: { sheet?: CSSStyleSheet } = {}
const BAR_HEIGHT = 18
const LABEL_WIDTH = 150
const CHART_WIDTH = 420

/** The chart: one bar per row (CTR), a whisker for its interval, the label on the left. */
function chart(rows: ShelfStats[], title: string, percent: Intl.NumberFormat): SVGElement {
  const height = rows.length * (BAR_HEIGHT + 6) + 6
  const max = Math.max(0.05, ...rows.map((r) => r.ctr.high))
  const x = (v: number) => LABEL_WIDTH + (v / max) * (CHART_WIDTH - LABEL_WIDTH - 10)
  const titleEl = svg('title', {})
  titleEl.textContent = title
  const parts: Node[] = [titleEl]
  rows.forEach((r, k) => {
    const y = 6 + k * (BAR_HEIGHT + 6)
    const label = svg('text', { x: 0, y: y + BAR_HEIGHT - 5, fill: 'currentColor', 'font-size': 12 })
    label.textContent = `${r.arm} · ${r.placement}`
    const bar = svg('rect', { x: LABEL_WIDTH, y, width: Math.max(1, x(r.ctr.value) - LABEL_WIDTH), height: BAR_HEIGHT, fill: r.arm === 'holdout' ? '#8a8a8a' : '#2f6fdd', 'data-arm': r.arm })
    const barTitle = svg('title', {})
    barTitle.textContent = `${r.arm} ${r.placement}: ${percent.format(r.ctr.value)} (${percent.format(r.ctr.low)}–${percent.format(r.ctr.high)})`
    bar.append(barTitle)
    const mid = y + BAR_HEIGHT / 2
    const whisker = svg('path', { d: `M${x(r.ctr.low)} ${mid}H${x(r.ctr.high)}M${x(r.ctr.low)} ${mid - 5}v10M${x(r.ctr.high)} ${mid - 5}v10`, stroke: 'currentColor', fill: 'none' })
    parts.push(label, bar, whisker)
  })
  return svg('svg', { viewBox: `0 0 ${CHART_WIDTH} ${height}`, width: CHART_WIDTH, height, role: 'img', 'aria-label': title, part: 'chart' }, ...parts)
}

export function defineStatsPanel(getEngine: () => Promise<Localshelf>, tagName = 'local-shelf-stats'): void {
  if (typeof customElements == 'undefined' || customElements.get(tagName)) return
  customElements.define(tagName, class extends enginePanel(getEngine, sheet) {
    strings = STATS_STRINGS

    async refresh() {
      const engine = this.engine
      if (!engine) return
      const s = this.strings
      const rows = await engine.getStats()
      const locale = engine.locale
      const count = new Intl.NumberFormat(locale)
      const percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 1 })
      const money = new Intl.NumberFormat(locale, engine.currency ? { style: 'currency', currency: engine.currency } : { maximumFractionDigits: 2 })
      const ci = (i: Interval) => `${percent.format(i.value)} (${percent.format(i.low)}–${percent.format(i.high)})`
      const head = [s.arm, s.placement, s.impressions, s.clicks, s.ctr, s.carts, s.purchases, s.revenue]
      const body = rows.map((r) => el('tr', { 'data-arm': r.arm, 'data-placement': r.placement },
        el('td', {}, r.arm), el('td', {}, r.placement), el('td', { class: 'n' }, count.format(r.impressions)), el('td', { class: 'n' }, count.format(r.clicks)),
        el('td', { class: 'n' }, ci(r.ctr)), el('td', { class: 'n' }, `${count.format(r.carts)} · ${ci(r.cartRate)}`),
        el('td', { class: 'n' }, `${count.format(r.purchases)} · ${ci(r.purchaseRate)}`), el('td', { class: 'n' }, money.format(r.revenue))))
      this.root.replaceChildren(
        el('section', { part: 'panel', 'aria-labelledby': 'h' },
          el('h2', { id: 'h', part: 'heading' }, s.heading),
          el('p', {}, s.intro, ' ', s.thisDevice.replace('{arm}', engine.arm())),
          rows.length
            ? el('div', {},
                el('table', { part: 'table' }, el('thead', {}, el('tr', {}, ...head.map((h) => el('th', { scope: 'col' }, h)))), el('tbody', {}, ...body)),
                chart(rows, s.chart, percent))
            : el('p', {}, s.empty)),
      )
    }
  })
}
