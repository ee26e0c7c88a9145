// The npm entry. Importing it touches no browser global (SSR-safe): everything starts in the
// functions it exports.
export { createLocalshelf } from './app/engine'
export { FINE_TUNE } from './model/fine-tune'
export type { Localshelf } from './app/engine'
export type { LocalshelfOptions, LocalshelfState } from './app/options'
export { validateCatalog, CatalogError } from './core/catalog'
export type { Item, InteractionEvent, EventType, ShelfSource, CatalogIssue } from './core/types'
export type { ShelfEngine, ShelfRequest, ShelfResult, ShelfItemView } from './ui/engine-types'
