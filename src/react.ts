// npm entry for React apps (18 and 19): the <Shelf> component, its hooks, and `<local-shelf>` in
// React's JSX types. Server rendering renders no shelf; the first client render matches it.
import type { Localshelf } from './app/engine'
import type { LocalshelfOptions } from './app/options'
import { createLocalshelf } from './index'
import { useEngine } from './react/use-shelf'
import './react/jsx'

export { Shelf, type ShelfProps } from './react/Shelf'
export { useShelf, type ShelfQuery } from './react/use-shelf'
export type { ShelfLabels } from './ui/ShelfView'
export type { ShelfEngine, ShelfResult, ShelfItemView } from './ui/engine-types'
export type { LocalShelfAttributes, LocalShelfElement, LocalShelfSelectDetail } from './index'

/**
 * The page's engine, created after mount (never on the server) and disposed of on unmount.
 * `options` are read once; create it in one component near the root and pass it down.
 */
export function useLocalshelf(options: LocalshelfOptions): Localshelf | undefined {
  return useEngine(() => createLocalshelf(options))
}
