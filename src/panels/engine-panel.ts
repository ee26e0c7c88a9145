// What both panels share: an open shadow root with the panel stylesheet, the engine once it is
// ready, and a refresh on every engine change until the element leaves the page. A factory, called
// inside each define function, so importing the panels touches no browser global (SSR-safe).
import type { Localshelf } from '../app/engine'
import { adopt, el, PANEL_CSS } from './dom'

export function enginePanel(getEngine: () => Promise<Localshelf>, sheet: { sheet?: CSSStyleSheet }) {
  return class EnginePanel extends HTMLElement {
    root = this.attachShadow({ mode: 'open' })
    engine?: Localshelf
    unsubscribe?: () => void

    connectedCallback() {
      adopt(this.root, PANEL_CSS, sheet)
      getEngine().then((engine) => {
        this.engine = engine
        this.unsubscribe = engine.subscribe(() => void this.refresh())
        return this.refresh()
      }).catch((error) => this.showError(String(error?.message ?? error)))
    }

    disconnectedCallback() {
      this.unsubscribe?.()
    }

    /** Renders the panel from the engine's current state; each panel's own. */
    async refresh(): Promise<void> {}

    /** Shows why the panel cannot show its facts (the engine failed to load). */
    showError(text: string): void {
      this.root.replaceChildren(el('p', { role: 'status' }, text))
    }
  }
}
