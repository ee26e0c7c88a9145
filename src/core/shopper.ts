import type { InteractionEvent } from './types'

// What the shopper's own log says about the cart and the recently viewed products. Pure, so the
// cart and recent shelves are unit-tested without a browser.

/** Event type a shop records when a product leaves the cart without being bought. */
export const REMOVE_FROM_CART = 'remove'

/**
 * Items in the cart according to the log: a `cart` event not followed by a `purchase` or
 * `remove` of the same item. Most recently added first.
 */
export function cartItems(events: ArrayLike<InteractionEvent>): string[] {
  const added = new Map<string, number>()
  for (let e = 0; e < events.length; e++) {
    const { type, item } = events[e]
    if (type === 'cart') {
      added.delete(item) // re-adding moves it to the front
      added.set(item, e)
    } else if (type === 'purchase' || type === REMOVE_FROM_CART) added.delete(item)
  }
  return [...added.keys()].reverse()
}

/** Recently viewed (or clicked) items, newest first, each once, without `current`. */
export function recentItems(events: ArrayLike<InteractionEvent>, current?: string): string[] {
  const seen = new Set<string>()
  const out: string[] = []
  for (let e = events.length - 1; e >= 0; e--) {
    const { type, item } = events[e]
    if ((type !== 'view' && type !== 'click') || item === current || seen.has(item)) continue
    seen.add(item)
    out.push(item)
  }
  return out
}

/** Strength order of what a shopper did with an item, for the verb of an explanation. */
const STRENGTH: Record<string, number> = { view: 1, click: 1, query: 1, cart: 2, purchase: 3 }

/** The strongest interaction per item (`purchase` over `cart` over `view`), for "Because you bought X". */
export function strongestInteraction(events: ArrayLike<InteractionEvent>): Map<string, string> {
  const out = new Map<string, string>()
  for (let e = 0; e < events.length; e++) {
    const { type, item } = events[e]
    const s = STRENGTH[type]
    if (s === undefined) continue
    const prev = out.get(item)
    if (prev === undefined || s > STRENGTH[prev]) out.set(item, type)
  }
  return out
}
