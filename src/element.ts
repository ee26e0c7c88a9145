// npm entry for the custom element: `defineLocalShelf(() => engine)` registers <local-shelf>.
export { defineLocalShelf } from './element/local-shelf'
export type { LocalShelfRenderDetail, LocalShelfSelectDetail, LocalShelfStatus } from './element/shelf-controller'
export type { LocalShelfAttributes, LocalShelfElement } from './element/dom-types'
