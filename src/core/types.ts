// Shared plain-data types of the pure core. Nothing here touches the DOM, tfjs or IndexedDB,
// so every layer (widget, worker, CLI) can import it.
import type { EncoderWeights } from './encoder'

/** One validated catalog product. Only `id` is guaranteed. */
export interface Item {
  id: string
  title?: string
  description?: string
  category?: string
  tags?: string[]
  price?: number
  currency?: string
  image?: string
  url?: string
  inStock?: boolean
  /** Sales count or any popularity score (higher is more popular); orders the trending shelf without a shop model. */
  popularity?: number
  /** The row's other plain fields (brand, rating…), for item templates; never read by the ranking. */
  fields?: Record<string, string | number | boolean>
}

/** A problem found in the input catalog; the row is skipped (or, for duplicates, the later copy). */
export interface CatalogIssue {
  /** Zero-based index of the row in the input array. */
  row: number
  /** The field at fault (`id`, `price`, …) or `row` when the row itself is not an object. */
  field: string
  message: string
}

/** Interaction types the widget knows; any other string is a custom type (counts as interest). */
export type KnownEventType = 'view' | 'click' | 'cart' | 'purchase' | 'dismiss' | 'impression'
export type EventType = KnownEventType | (string & {})

/** One interaction as stored in the local log. */
export interface InteractionEvent {
  type: EventType
  item: string
  /** Milliseconds since the epoch (Date.now()). */
  ts: number
  /** The shelf placement the interaction came from, when it came from a shelf. */
  placement?: string
  /** Free-form extra properties given to `track()`. */
  props?: Record<string, unknown>
}

/** A stored event carries the IndexedDB key, which grows with insertion order. */
export interface StoredEvent extends InteractionEvent {
  seq: number
}

/**
 * Content features of the catalog: for item i, tokens[i] lists hashed token buckets and
 * weights[i] their weights (L2-normalised TF-IDF), both at most `maxTokens` long.
 */
export interface ContentFeatures {
  buckets: number
  maxTokens: number
  /** Row-major [items x maxTokens] bucket ids; padding uses bucket 0 with weight 0. */
  tokenIds: Int32Array
  /** Row-major [items x maxTokens] weights. */
  tokenWeights: Float32Array
}

/**
 * The content features as the page keeps them (src/core/packed-features.ts): each item's slots one
 * after another without the padding, bucket ids in 16 bits where they fit. At 100,000 items the
 * dense layout was 12.8 MB, and its inverted copy (the postings) 7.3 MB more.
 */
export interface PackedFeatures {
  buckets: number
  maxTokens: number
  /** Item i's slots: [rowStart[i], rowStart[i + 1]). */
  rowStart: Uint32Array
  tokenIds: Uint16Array | Int32Array
  tokenWeights: Float32Array
}

/** Content features in either layout; the readers take a row's slots with rowFrom / rowTo. */
export type FeatureRows = ContentFeatures | PackedFeatures

/**
 * The embedding model's parameters, all plain typed arrays so that the pure core can rank with
 * them at first paint, before any ML code loads. Shapes use the catalog order of `itemIds`.
 *
 *   itemVector(j) = itemEmb[j] + sum_t tokenWeight(j,t) * tokenEmb[token(j,t)]
 *   userVector    = history(recency-weighted mean of item vectors) x W + userOffset
 *   score(j)      = userVector . itemVector(j) + itemBias[j] + contentWeight * tfidfCos(user, j)
 */
export interface ModelWeights {
  dim: number
  buckets: number
  /** The item ids the item rows belong to, in row order. */
  itemIds: string[]
  tokenEmb: Float32Array // [buckets x dim]
  itemEmb: Float32Array // [items x dim]
  itemBias: Float32Array // [items]
  w: Float32Array // [dim x dim], row-major, identity when untrained
  userOffset: Float32Array // [dim], zero unless fine-tuned on this device
  /** Sparse item-item scores from the shop model (absent without one). */
  neighbors?: Neighbors
  /**
   * The shop model's sequence encoder (absent in older models): when present the shopper vector is
   * encodeSequence(recent items) instead of the weighted mean times W (see src/core/encoder.ts).
   */
  encoder?: EncoderWeights
}

/**
 * Top-k item-item weights per item, row-major [items x k]; a row ends early at index -1.
 * Scores are multiplied by `scale` when added to the model's score (fitted on validation data).
 */
export interface Neighbors {
  k: number
  index: Int32Array
  weight: Float32Array
  scale: number
}

/** Where a shelf's order came from. */
export type ShelfSource = 'popular' | 'content' | 'personal'

/**
 * Which term of the ranking put a pick on the shelf: the shopper's history ("Because you viewed
 * X"), an item in the cart ("Goes with X in your cart"), popularity, a query, or the shopper's
 * recently viewed list.
 */
export type PickWhy = 'history' | 'cart' | 'popular' | 'query' | 'recent'

/** One ranked pick with the reason shown to the shopper. */
export interface Pick {
  index: number
  score: number
  /** Index of the history (or cart) item this pick is closest to, if any ("Because you viewed X"). */
  because?: number
  /** What put the pick there; with `because` for history and cart. */
  why?: PickWhy
}
