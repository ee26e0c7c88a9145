// npm entry for Preact apps: the <Shelf> component and its hook.
export { Shelf } from './ui/Shelf'
export { useShelf } from './ui/useShelf'
export { ShelfView } from './ui/ShelfView'
