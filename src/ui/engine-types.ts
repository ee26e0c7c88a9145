import type { ShelfSource } from '../core/types'
export interface ShelfRequest { placement: string; item?: string; limit: number }
export interface ShelfItemView { id: string; title: string; price?: number; currency?: string;
  image?: string; url?: string; reason?: string }
export interface ShelfResult { placement: string; items: ShelfItemView[]; source: ShelfSource }
export interface ShelfEngine {
  /** Ranks synchronously from the current state (cached weights, log, catalog). */
  recommend(request: ShelfRequest): ShelfResult
  /** Called whenever a new ranking may differ (catalog loaded, new events, new weights). Returns unsubscribe. */
  subscribe(listener: () => void): () => void
  /** Records an interaction (buffered; durable across tab close). */
  track(type: string, itemId: string, props?: Record<string, unknown>): void
  /** Locale/currency used for prices when an item has none. */
  locale?: string
  currency?: string
}
