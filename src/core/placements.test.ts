import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { validateCatalog } from './catalog'
import { buildContentFeatures } from './features'
import { rankPlacement, type PlacementRequest } from './placements'
import { buildQueryIndex, queryScores } from './query'
import type { RankState } from './recommend'
import type { Item, Neighbors } from './types'
import { itemVectors } from './vectors'
import { initWeights } from './weights'

function stateFor(items: Item[], popularity: number[], neighbors?: Neighbors): RankState {
  const features = buildContentFeatures(items)
  const weights = { ...initWeights(items.map((i) => i.id), { buckets: features.buckets }), neighbors }
  return { count: items.length, features, weights, vectors: itemVectors(weights, features), personal: false, popularity: Float32Array.from(popularity), contentWeight: 0.5 }
}
const empty = { context: [], weights: [] }
const request = (over: Partial<PlacementRequest>): PlacementRequest => ({ placement: 'for-you', limit: 10, history: empty, excluded: () => false, ...over })

const catalog = validateCatalog(JSON.parse(readFileSync(new URL('../../public/data/catalog.json', import.meta.url), 'utf8'))).items
const demo = stateFor(catalog, catalog.map((_, i) => catalog.length - i))
const categoryOf = (i: number) => catalog[i].category

describe('for-you for a new shopper', () => {
  it('is a sampler of category leaders, visibly different from trending', () => {
    const trending = rankPlacement(demo, request({ placement: 'trending', order: { categoryOf } })).picks.map((p) => p.index)
    const forYou = rankPlacement(demo, request({ order: { categoryOf } }))
    const ids = forYou.picks.map((p) => p.index)
    expect(forYou.source).toBe('popular')
    expect(ids).toHaveLength(10)
    expect(new Set(ids.map(categoryOf)).size).toBe(10) // ten categories, one each
    expect(ids).not.toEqual(trending)
    expect(ids.filter((i) => trending.includes(i)).length).toBeLessThan(6)
    expect(forYou.picks.every((p) => p.why === 'popular')).toBe(true)
  })
})

describe('cart', () => {
  const items: Item[] = [{ id: 'tea' }, { id: 'cup' }, { id: 'saucer' }, { id: 'spade' }, { id: 'rake' }]
  // Co-purchase lists: tea goes with cup and saucer; spade with rake.
  const neighbors: Neighbors = { k: 2, scale: 1, index: Int32Array.from([1, 2, 0, 2, 0, 1, 4, -1, 3, -1]), weight: Float32Array.from([1, 0.5, 1, 0.8, 0.5, 0.8, 1, 0, 1, 0]) }
  const state = stateFor(items, [5, 4, 3, 2, 1], neighbors)
  it('ranks the complements of the cart first, never a cart item, and names the cart item', () => {
    const result = rankPlacement(state, request({ placement: 'cart', cart: [0], limit: 3 }))
    expect(result.picks.map((p) => items[p.index].id)).toEqual(['cup', 'saucer', 'spade'])
    expect(result.picks[0]).toMatchObject({ why: 'cart', because: 0 })
    const two = rankPlacement(state, request({ placement: 'cart', cart: [0, 3], limit: 5 }))
    expect(two.picks.map((p) => items[p.index].id)).not.toContain('tea')
    expect(two.picks.map((p) => items[p.index].id)).not.toContain('spade')
    expect(two.picks.find((p) => items[p.index].id === 'rake')).toMatchObject({ because: 3 })
  })
  it('an empty cart gets the popular shelf', () => {
    const result = rankPlacement(state, request({ placement: 'cart', cart: [], limit: 2 }))
    expect(result.source).toBe('popular')
    expect(result.picks.map((p) => p.index)).toEqual([0, 1])
  })
})

describe('recent', () => {
  it('keeps the given order, without the current product and filtered items', () => {
    const result = rankPlacement(demo, request({ placement: 'recent', recent: [5, 3, 9, 7], item: 3, excluded: (i) => i === 7 }))
    expect(result.picks.map((p) => p.index)).toEqual([5, 9])
    expect(result.source).toBe('personal')
  })
})

describe('need', () => {
  const queryIndex = buildQueryIndex(catalog)
  it('shows only items matching the query, with the query as the reason', () => {
    const scores = (query: string) => queryScores(queryIndex, demo.features, demo.count, query)
    const result = rankPlacement(demo, request({ placement: 'need', queryScores: scores('red candel') }))
    expect(catalog[result.picks[0].index].title).toBe('Set/10 Red Polkadot Party Candles')
    expect(result.picks.every((p) => p.why === 'query')).toBe(true)
    expect(result.source).toBe('content')
    expect(rankPlacement(demo, request({ placement: 'need', queryScores: scores('zzqqxx') })).picks).toEqual([])
    expect(rankPlacement(demo, request({ placement: 'need' })).picks).toEqual([])
  })
})

describe('ordering rules', () => {
  it('pins first, buries last, and caps a category', () => {
    const base = rankPlacement(demo, request({ placement: 'trending' })).picks.map((p) => p.index)
    const ruled = rankPlacement(demo, request({ placement: 'trending', order: { pin: [500], bury: [base[0]], maxPerCategory: 2, categoryOf } })).picks.map((p) => p.index)
    expect(ruled[0]).toBe(500)
    expect(ruled).not.toContain(base[0])
    const counts = new Map<string | undefined, number>()
    for (const i of ruled.slice(1)) counts.set(categoryOf(i), (counts.get(categoryOf(i)) ?? 0) + 1)
    expect(Math.max(...counts.values())).toBeLessThanOrEqual(2)
  })
  it('diversity 1 spreads a similar shelf over more kinds of product than diversity 0', () => {
    const anchor = catalog.findIndex((it) => /christmas/i.test(it.title ?? ''))
    const words = (d: number) => rankPlacement(demo, request({ placement: 'similar', item: anchor, order: { diversity: d } })).picks.map((p) => catalog[p.index].category)
    expect(new Set(words(1)).size).toBeGreaterThanOrEqual(new Set(words(0)).size)
  })
})

describe('tokenCosine', () => {
  it('equals the profile-based item cosine', async () => {
    const { itemCosine } = await import('./content')
    const { tokenCosine } = await import('./recommend')
    for (const [a, b] of [[0, 1], [5, 9], [100, 100], [3, 700]]) expect(tokenCosine(demo.features, a, b)).toBeCloseTo(itemCosine(demo.features, a, b), 5)
  })
})

describe('category cap on a catalog whose best items share a category', () => {
  it('widens the pool until the shelf is full', () => {
    // The 200 most popular items are all "Candles"; a cap of 2 must reach further down.
    const items: Item[] = Array.from({ length: 400 }, (_, i) => ({ id: 'i' + i, title: 'thing ' + i, category: i < 200 ? 'Candles' : 'c' + (i % 20) }))
    const state = stateFor(items, items.map((_, i) => 400 - i))
    const result = rankPlacement(state, request({ placement: 'trending', order: { maxPerCategory: 2, categoryOf: (i) => items[i].category } }))
    expect(result.picks).toHaveLength(10)
    expect(result.picks.filter((p) => items[p.index].category === 'Candles').length).toBeLessThanOrEqual(2)
  })
})
