// What a shelf's ranking reads, per placement: the engine counts a version per input (what an
// event changes: src/core/event-inputs.ts), a shelf re-ranks only when one of its own inputs moved.
// No imports: the shelves' bundles carry this file.
// (src/app/shelf-ranking.ts is the ranking these lists describe: keep them in step.)

/**
 * - catalog: the items and their content features
 * - weights: the model (fine-tune results, saved weights)
 * - interest: the shopper's history context, seen and recently viewed items, the reasons' verbs
 * - cart: the items in the cart
 * - filters: something that may bring an excluded item back (an item leaving the cart)
 * - settings: consent, the A/B arm, the lazily loaded query code, an erase; anything unknown
 */
export type ShelfInput = 'catalog' | 'weights' | 'interest' | 'cart' | 'filters' | 'settings'

// Every shelf: the items, what hides items (stock, rules, dismissals), the consent and arm, and
// the trending fallback of an empty shelf (popularity is per catalog).
const BASE: ShelfInput[] = ['catalog', 'filters', 'settings']

const PERSONAL: ShelfInput[] = [...BASE, 'weights', 'interest']

const BY_PLACEMENT = new Map<string, ShelfInput[]>([
  ['trending', BASE],
  ['recent', [...BASE, 'interest']],
  ['cart', [...BASE, 'weights', 'cart']],
  // Query matching reads the content features and the shopper's content profile, not the model.
  ['need', [...BASE, 'interest']],
])

/** The inputs a placement's ranking reads; similar, for-you and unknown placements read the model and the history. */
export const inputsOf = (placement: string): ShelfInput[] => BY_PLACEMENT.get(placement) ?? PERSONAL
