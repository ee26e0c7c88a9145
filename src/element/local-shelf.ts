import type { ShelfEngine } from '../ui/engine-types'
import { OBSERVED_ATTRIBUTES } from './attributes'
import { createShelfController } from './shelf-controller'

export type { LocalShelfRenderDetail } from './shelf-controller'

/**
 * Defines the `<local-shelf>` custom element (attributes `placement`, `item`, `limit`,
 * `heading`; event `localshelf:render`). Safe to call more than once, and a no-op where custom
 * elements do not exist (server rendering): nothing touches `window` before this call.
 *
 * @param getEngine gives the engine; called once per element, when it first nears the viewport.
 *   A promise (e.g. `() => shelf.ready.then(() => shelf)`) delays the first render until it resolves.
 * @param tagName the element name, for shops that need another one.
 */
export function defineLocalShelf(
  getEngine: () => ShelfEngine | Promise<ShelfEngine>,
  tagName = 'local-shelf',
): void {
  if (typeof customElements == 'undefined' || customElements.get(tagName)) return
  customElements.define(
    tagName,
    class extends HTMLElement {
      static observedAttributes = OBSERVED_ATTRIBUTES
      // All state lives in the controller's closure, where the minifier can shorten every name.
      shelf = createShelfController(this, getEngine)
      connectedCallback() {
        this.shelf.connect()
      }
      disconnectedCallback() {
        this.shelf.disconnect()
      }
      attributeChangedCallback() {
        this.shelf.schedule()
      }
    },
  )
}
