import type { ShelfRules } from '../core/rules'
import type { ShelfSource } from '../core/types'
export interface ShelfRequest { placement: string; item?: string; limit: number
  /** Cart item ids, for a `cart` shelf of a shop that keeps the cart itself (default: the log's cart). */
  items?: string[]
  /** The shopper's words, for a `need` shelf. */
  query?: string
  /** "none": an empty shelf stays empty (hidden) instead of falling back to popular picks. */
  fallback?: 'none'
  /** Business rules: filters, pins, boosts, caps, diversity. */
  rules?: ShelfRules }
export interface ShelfItemView { id: string; title: string; price?: number; currency?: string;
  image?: string; url?: string; reason?: string
  /** The catalog row's own fields (category, tags, brand, rating…), for item templates. */
  data?: Record<string, unknown> }
export interface ShelfResult { placement: string; items: ShelfItemView[]; source: ShelfSource }
/** What moved since the last notification (see src/core/shelf-inputs.ts for the inputs). */
export interface ShelfChange {
  /** A counter per ranking input (catalog, weights, interest, cart, filters, settings), bumped when it changes. */
  versions: Readonly<Record<string, number>>
  /** Items hidden from every shelf since the last notification (dismissed, put in the cart, bought). */
  excluded: readonly string[]
}
export interface ShelfEngine {
  /** Ranks synchronously from the current state (cached weights, log, catalog). */
  recommend(request: ShelfRequest): ShelfResult
  /**
   * Called whenever a new ranking may differ (catalog loaded, new events, new weights), at most
   * once per animation frame. The engine passes what changed, so a shelf can skip re-ranking when
   * none of its inputs did; without it, every shelf re-ranks. Returns unsubscribe.
   */
  subscribe(listener: (change?: ShelfChange) => void): () => void
  /** The current version per ranking input (as in ShelfChange), for a shelf to key its ranking on. */
  inputVersions?(): Readonly<Record<string, number>>
  /** Records an interaction (buffered; durable across tab close). */
  track(type: string, itemId: string, props?: Record<string, unknown>): void
  /** Words the shelves show, by key (e.g. `find`, `popularPicks`); English defaults when absent. */
  strings?: Record<string, string>
  /** Locale/currency used for prices when an item has none. */
  locale?: string
  currency?: string
}
