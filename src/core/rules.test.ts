import { describe, expect, it } from 'vitest'
import { createRandom } from './random'
import { boostScores, capPerCategory, mmr, pinFirst, ruleFilter, topPerCategory, topPerCategoryHead } from './rules'
import type { Item } from './types'

const items: Item[] = [
  { id: 'a', category: 'Candles', tags: ['Red'], price: 2, inStock: true },
  { id: 'b', category: 'candles', tags: ['blue'], price: 5, inStock: false },
  { id: 'c', category: 'Kitchen', price: 12 },
  { id: 'd', category: 'Kitchen', tags: ['red'] },
]
const none = { inCart: new Set<string>(), purchased: new Set<string>() }
const left = (rules: Parameters<typeof ruleFilter>[0], shopper = none) => items.filter((it) => !ruleFilter(rules, shopper)(it)).map((it) => it.id)

describe('ruleFilter', () => {
  it('leaves out of stock items out by default, and in when asked', () => {
    expect(left({})).toEqual(['a', 'c', 'd'])
    expect(left({ excludeOutOfStock: false })).toEqual(['a', 'b', 'c', 'd'])
  })
  it('leaves cart and purchased items out, each configurable', () => {
    const shopper = { inCart: new Set(['a']), purchased: new Set(['c']) }
    expect(left({}, shopper)).toEqual(['d'])
    expect(left({ excludeInCart: false }, shopper)).toEqual(['a', 'd'])
    expect(left({ excludePurchased: false }, shopper)).toEqual(['c', 'd'])
  })
  it('applies explicit exclusions, category and tag filters case-insensitively', () => {
    expect(left({ exclude: ['a'] })).toEqual(['c', 'd'])
    expect(left({ categories: ['CANDLES'], excludeOutOfStock: false })).toEqual(['a', 'b'])
    expect(left({ tags: ['RED'] })).toEqual(['a', 'd'])
  })
  it('keeps a price range, inclusive, and drops unpriced items only when a range is set', () => {
    expect(left({ minPrice: 2, maxPrice: 12 })).toEqual(['a', 'c'])
    expect(left({ maxPrice: 3 })).toEqual(['a'])
    expect(left({ minPrice: 3 })).toEqual(['c'])
  })
})

describe('boostScores', () => {
  it('lifts boosted items by a quarter of the range and sinks buried ones below all, on a copy', () => {
    const scores = Float32Array.from([4, 3, 2, 0])
    const out = boostScores(scores, [2], [0])
    expect(Array.from(out)).toEqual([-4, 3, 3, 0])
    expect(Array.from(scores)).toEqual([4, 3, 2, 0])
    expect(boostScores(scores, [], [])).toBe(scores)
  })
})

describe('mmr', () => {
  // 0 and 1 are near twins, 2 is different but a little less relevant.
  const scores = [1, 0.95, 0.8, 0]
  const sim = (a: number, b: number) => (Math.min(a, b) === 0 && Math.max(a, b) === 1 ? 0.95 : 0.1)
  it('keeps the relevance order at diversity 0', () => {
    expect(mmr([0, 1, 2, 3], scores, sim, 3, 0)).toEqual([0, 1, 2])
  })
  it('prefers the different item over the twin as diversity grows (hand-computed)', () => {
    // Second pick at 0.5: twin 0.5*0.95 - 0.5*0.95 = 0; other 0.5*0.8 - 0.5*0.1 = 0.35.
    expect(mmr([0, 1, 2, 3], scores, sim, 3, 0.5)).toEqual([0, 2, 1])
    // At 1 relevance no longer counts: least similar first after the top pick.
    expect(mmr([0, 1, 2, 3], scores, sim, 2, 1)[1]).not.toBe(1)
  })
})

describe('capPerCategory and pinFirst', () => {
  it('keeps at most N per category, case-insensitively, in order', () => {
    const cat = ['A', 'a', 'b', 'A', undefined, undefined]
    expect(capPerCategory([0, 1, 2, 3, 4, 5], (i) => cat[i], 2)).toEqual([0, 1, 2, 4, 5])
    expect(capPerCategory([0, 1, 2], (i) => cat[i], undefined)).toEqual([0, 1, 2])
  })
  it('puts pins first in their order and never twice', () => {
    expect(pinFirst([1, 2, 3, 4], [4, 9, 4], 4)).toEqual([4, 9, 1, 2])
  })
})

describe('topPerCategory', () => {
  it('keeps the best N of each category, best first overall, skipping excluded and NaN', () => {
    const scores = [9, 8, 7, 6, 5, NaN, 4, 3]
    const cat = ['a', 'A', 'a', 'b', 'b', 'b', undefined, undefined]
    expect(topPerCategory(scores, 2, (i) => cat[i], (i) => i === 3)).toEqual([0, 1, 4, 6, 7])
    expect(topPerCategory(scores, 1, (i) => cat[i], () => false)).toEqual([0, 3, 6])
  })

  it('has its head computed from the best items overall, equal to the full pass', () => {
    const random = createRandom(5)
    // A dominant category and excluded items included. (Among equal scores the head keeps the
    // lower index, as topK does; the full pass may keep either.)
    const scores = Float64Array.from({ length: 5000 }, () => random() * 20)
    const cat = Array.from({ length: 5000 }, (_, i) => (i % 7 === 0 ? 'big' : `c${Math.floor(random() * 40)}`))
    for (let i = 0; i < 5000; i += 7) scores[i] += 20
    const excluded = (i: number) => i % 11 === 0
    for (const [count, max] of [[80, 2], [30, 1], [500, 3], [4000, 50]]) {
      expect(topPerCategoryHead(scores, count, max, (i) => cat[i], excluded)).toEqual(topPerCategory(scores, max, (i) => cat[i], excluded).slice(0, count))
    }
  })
})
