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
export interface ShelfEngine {
  /** Ranks synchronously from the current state (cached weights, log, catalog). */
  recommend(request: ShelfRequest): ShelfResult
  /** Called whenever a new ranking may differ (catalog loaded, new events, new weights). Returns unsubscribe. */
  subscribe(listener: () => void): () => void
  /** Records an interaction (buffered; durable across tab close). */
  track(type: string, itemId: string, props?: Record<string, unknown>): void
  /** Words the shelves show, by key (e.g. `find`, `popularPicks`); English defaults when absent. */
  strings?: Record<string, string>
  /** Locale/currency used for prices when an item has none. */
  locale?: string
  currency?: string
}
