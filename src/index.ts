// The npm entry. Importing it touches no browser global (SSR-safe): everything starts in the
// functions it exports.
import { createLocalshelf as create } from './app/engine'
import type { LocalshelfOptions } from './app/options'

/** Creates the widget's engine; the statistics, panels and query code load on first use. */
export const createLocalshelf = (options: LocalshelfOptions) => create({ extras: () => import('./extras'), ...options })
export { FINE_TUNE } from './model/fine-tune'
export type { Localshelf } from './app/engine'
export type { LocalshelfOptions, LocalshelfState } from './app/options'
export { validateCatalog, CatalogError } from './core/catalog'
export type { Item, InteractionEvent, EventType, ShelfSource, CatalogIssue } from './core/types'
export type { ShelfEngine, ShelfRequest, ShelfResult, ShelfItemView } from './ui/engine-types'
export type { ShelfRules } from './core/rules'
export type { ShelfStats } from './core/attribution'
export type { Interval } from './core/stats'
export type { PrivacySummary } from './app/privacy'
export type { AggregateReport } from './app/stats'
export type { ReasonStrings } from './app/reason'
