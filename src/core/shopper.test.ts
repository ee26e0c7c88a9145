import { describe, expect, it } from 'vitest'
import { cartItems, recentItems, strongestInteraction } from './shopper'
import type { InteractionEvent } from './types'

const ev = (type: string, item: string, ts = 0): InteractionEvent => ({ type, item, ts })

describe('cartItems', () => {
  it('keeps added items not yet bought or removed, newest first', () => {
    const log = [ev('cart', 'a'), ev('cart', 'b'), ev('view', 'c'), ev('cart', 'c'), ev('purchase', 'a'), ev('remove', 'b'), ev('cart', 'd')]
    expect(cartItems(log)).toEqual(['d', 'c'])
  })
  it('an item added again after a purchase is in the cart again, at the front', () => {
    expect(cartItems([ev('cart', 'a'), ev('cart', 'b'), ev('purchase', 'a'), ev('cart', 'a')])).toEqual(['a', 'b'])
    expect(cartItems([ev('cart', 'a'), ev('cart', 'b'), ev('cart', 'a')])).toEqual(['a', 'b'])
  })
})

describe('recentItems', () => {
  it('lists viewed items newest first, de-duplicated, without the current product', () => {
    const log = [ev('view', 'a'), ev('view', 'b'), ev('impression', 'x'), ev('cart', 'y'), ev('click', 'a'), ev('view', 'c')]
    expect(recentItems(log)).toEqual(['c', 'a', 'b'])
    expect(recentItems(log, 'c')).toEqual(['a', 'b'])
  })
})

describe('strongestInteraction', () => {
  it('keeps bought over added over viewed, whatever the order', () => {
    const m = strongestInteraction([ev('purchase', 'a'), ev('view', 'a'), ev('view', 'b'), ev('cart', 'b'), ev('view', 'c'), ev('impression', 'd')])
    expect(Object.fromEntries(m)).toEqual({ a: 'purchase', b: 'cart', c: 'view' })
  })
})
