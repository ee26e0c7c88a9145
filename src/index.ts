// The npm entry. Importing it touches no browser global (SSR-safe): everything starts in the
// functions it exports.
import { createLocalshelf as createEngine, type Localshelf } from './app/engine'
import type { LocalshelfOptions } from './app/options'
import { withPackagedAssets } from './app/packaged-assets'

/**
 * Starts the widget: loads the catalog and the shopper's stored events, ranks, and (after the first
 * shelf paints) starts the training worker, which is found inside the package unless `workerUrl`
 * says otherwise. The statistics, panels and query code load on first use.
 */
export function createLocalshelf(options: LocalshelfOptions): Localshelf {
  return createEngine(withPackagedAssets({ extras: () => import('./extras'), ...options }))
}

export { FINE_TUNE, type FineTuneDefaults } from './app/fine-tune-defaults'
export type { Localshelf } from './app/engine'
export type { LocalshelfOptions, LocalshelfState } from './app/options'
export type { BackendPreference } from './worker/backend-preference'
export { validateCatalog, CatalogError } from './core/catalog'
export type { Item, InteractionEvent, EventType, KnownEventType, ShelfSource, CatalogIssue } from './core/types'
export type { ShelfEngine, ShelfRequest, ShelfResult, ShelfItemView } from './ui/engine-types'
export type { ShelfProps } from './ui/Shelf'
export type { ShelfLabels, ShelfViewProps } from './ui/ShelfView'
export type { LocalShelfRenderDetail, LocalShelfSelectDetail, LocalShelfStatus } from './element/shelf-controller'
export type { LocalShelfAttributes, LocalShelfElement, LocalShelfEventMap } from './element/dom-types'
export type { ShelfRules } from './core/rules'
export type { ShelfStats } from './core/attribution'
export type { Interval } from './core/stats'
export type { PrivacySummary } from './app/privacy'
export type { AggregateReport } from './app/stats'
export type { ReasonStrings } from './app/reason'
