// npm entry for the custom element: `defineLocalShelf(() => engine)` registers <local-shelf>.
export { defineLocalShelf } from './element/local-shelf'
export type { LocalShelfRenderDetail, LocalShelfSelectDetail, LocalShelfStatus } from './element/shelf-controller'
export type { LocalShelfAttributes, LocalShelfElement, LocalShelfEventMap } from './element/dom-types'
