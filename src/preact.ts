// npm entry for Preact apps: the <Shelf> component and its hook.
export { Shelf, type ShelfProps } from './ui/Shelf'
export { useShelf } from './ui/useShelf'
export { ShelfView, type ShelfViewProps, type ShelfLabels } from './ui/ShelfView'
export type { ShelfEngine, ShelfRequest, ShelfResult, ShelfItemView } from './ui/engine-types'
export type { LocalShelfAttributes, LocalShelfElement } from './element/dom-types'
