import { describe, expect, it, vi } from 'vitest'
import { OBSERVED_ATTRIBUTES, readAttributes } from './attributes'

const from = (attributes: Record<string, string>) => readAttributes((name) => (name in attributes ? attributes[name] : null))

describe('readAttributes', () => {
  it('defaults to a for-you shelf of 10 with its heading', () => {
    expect(from({})).toEqual({ request: { placement: 'for-you', item: undefined, limit: 10 }, heading: 'Recommended for you' })
  })

  it('reads placement, item, limit and heading', () => {
    expect(from({ placement: 'similar', item: ' sku-1 ', limit: '4', heading: 'More like this' })).toEqual({
      request: { placement: 'similar', item: 'sku-1', limit: 4 },
      heading: 'More like this',
    })
  })

  it('gives each placement its default heading, and blank attributes count as missing', () => {
    expect(from({ placement: 'trending' }).heading).toBe('Trending now')
    expect(from({ placement: 'similar', heading: '  ' }).heading).toBe('Similar products')
    expect(from({ placement: ' ', item: '' }).request).toEqual({ placement: 'for-you', item: undefined, limit: 10 })
  })

  it('clamps and defaults the limit', () => {
    expect(from({ limit: '0' }).request.limit).toBe(1)
    expect(from({ limit: '500' }).request.limit).toBe(50)
    expect(from({ limit: 'lots' }).request.limit).toBe(10)
  })

  it('reads cart items, the query and every rule', () => {
    const { request } = from({
      placement: 'cart', items: 'a, b,,c', query: ' red candle ', fallback: 'none', exclude: 'x,y', categories: 'Candles', tags: 'red', pin: 'p', boost: 'b1,b2',
      bury: 'z', 'min-price': '2', 'max-price': '20.5', 'max-per-category': '3', diversity: '0.4', 'exclude-out-of-stock': 'false', 'exclude-in-cart': 'true', 'exclude-purchased': 'false',
    })
    expect(request).toEqual({
      placement: 'cart', item: undefined, limit: 10, items: ['a', 'b', 'c'], query: 'red candle', fallback: 'none',
      rules: {
        exclude: ['x', 'y'], categories: ['Candles'], tags: ['red'], pin: ['p'], boost: ['b1', 'b2'], bury: ['z'], minPrice: 2, maxPrice: 20.5,
        maxPerCategory: 3, diversity: 0.4, excludeOutOfStock: false, excludeInCart: true, excludePurchased: false,
      },
    })
  })

  it('ignores a number that does not parse, with a warning naming the attribute', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    expect(from({ 'max-price': 'cheap' }).request.rules).toBeUndefined()
    expect(warn.mock.calls[0][0]).toMatch(/max-price="cheap" is not a number/)
    warn.mockRestore()
  })

  it('observes exactly the attributes it reads', () => {
    const read: string[] = []
    readAttributes((name) => (read.push(name), null))
    expect([...new Set(read)].sort()).toEqual([...OBSERVED_ATTRIBUTES].sort())
  })
})
