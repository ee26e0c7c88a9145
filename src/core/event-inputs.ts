// Which ranking inputs (src/core/shelf-inputs.ts) one recorded event changes.
import type { ShelfInput } from './shelf-inputs'
import { REMOVE_FROM_CART } from './shopper'

/**
 * What one recorded event changes: the inputs it moves, and whether it hides its item from every
 * shelf. Impressions change nothing; a dismissal only hides the item (history weighs it 0), so
 * shelves that do not show it stand; in the cart and bought items are hidden from the other
 * shelves by default; leaving the cart brings the item back to shelves that hid it; views, clicks,
 * queries and custom types move the history, seen and recent items.
 */
export function changedBy(type: string): { inputs: ShelfInput[]; excludes: boolean } {
  const cart = type == 'cart' || type == 'purchase'
  const quiet = type == 'impression' || type == 'dismiss'
  return {
    inputs: quiet ? [] : cart ? ['interest', 'cart'] : type == REMOVE_FROM_CART ? ['interest', 'cart', 'filters'] : ['interest'],
    excludes: cart || type == 'dismiss',
  }
}
