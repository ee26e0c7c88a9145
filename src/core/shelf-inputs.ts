// What a shelf's ranking reads, per placement, and which of those inputs an event changes: the
// engine counts a version per input, a shelf re-ranks only when one of its own inputs moved.
// (src/app/shelf-ranking.ts is the ranking these lists describe: keep them in step.)
import { REMOVE_FROM_CART } from './shopper'

/**
 * - catalog: the items and their content features
 * - weights: the model (fine-tune results, saved weights)
 * - interest: the shopper's history context, seen and recently viewed items, the reasons' verbs
 * - cart: the items in the cart
 * - filters: something that may bring an excluded item back (an item leaving the cart)
 * - settings: consent, the A/B arm, the lazily loaded query code, an erase; anything unknown
 */
export type ShelfInput = 'catalog' | 'weights' | 'interest' | 'cart' | 'filters' | 'settings'

export const SHELF_INPUTS: readonly ShelfInput[] = ['catalog', 'weights', 'interest', 'cart', 'filters', 'settings']

// Every shelf: the items, what hides items (stock, rules, dismissals), the consent and arm, and
// the trending fallback of an empty shelf (popularity is per catalog).
const BASE: ShelfInput[] = ['catalog', 'filters', 'settings']

const BY_PLACEMENT: Record<string, ShelfInput[]> = {
  trending: BASE,
  recent: [...BASE, 'interest'],
  cart: [...BASE, 'weights', 'cart'],
  // Query matching reads the content features and the shopper's content profile, not the model.
  need: [...BASE, 'interest'],
  similar: [...BASE, 'weights', 'interest'],
  'for-you': [...BASE, 'weights', 'interest'],
}

/** The inputs a placement's ranking reads; unknown placements rank as "for you". */
export function inputsOf(placement: string): ShelfInput[] {
  return Object.hasOwn(BY_PLACEMENT, placement) ? BY_PLACEMENT[placement] : BY_PLACEMENT['for-you']
}

/** What one recorded event changes: the inputs it moves, and whether it hides its item from every shelf. */
export function changedBy(type: string): { inputs: ShelfInput[]; excludes: boolean } {
  switch (type) {
    case 'impression': return { inputs: [], excludes: false }
    // A dismissal only hides the item (history weighs it 0): shelves that do not show it stand.
    case 'dismiss': return { inputs: [], excludes: true }
    // In the cart (and bought) items are hidden from the other shelves by default.
    case 'cart': return { inputs: ['interest', 'cart'], excludes: true }
    case 'purchase': return { inputs: ['interest', 'cart'], excludes: true }
    // Leaving the cart brings the item back to shelves that hid it.
    case REMOVE_FROM_CART: return { inputs: ['interest', 'cart', 'filters'], excludes: false }
    // Views, clicks, queries and custom types: history, seen and recent items.
    default: return { inputs: ['interest'], excludes: false }
  }
}
