import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { validateCatalog } from './catalog'
import { buildContentFeatures } from './features'
import { historyContext } from './history'
import { rankForYou, rankShelf, rankSimilar, type RankState } from './recommend'
import type { InteractionEvent, Item } from './types'
import { itemVectors } from './vectors'
import { initWeights } from './weights'

function stateFor(items: Item[], popularity?: number[]): RankState {
  const features = buildContentFeatures(items)
  const weights = initWeights(items.map((i) => i.id), { buckets: features.buckets })
  return {
    count: items.length, features, weights, vectors: itemVectors(weights, features), personal: false,
    popularity: Float32Array.from(popularity ?? items.map(() => 0)), contentWeight: 0.5,
  }
}

const catalog = validateCatalog(JSON.parse(readFileSync(new URL('../../public/data/catalog.json', import.meta.url), 'utf8'))).items

describe('rankForYou', () => {
  it('puts the theme of three viewed products first (content, no training)', () => {
    const state = stateFor(catalog)
    const index = new Map(catalog.map((it, i) => [it.id, i]))
    const viewed = catalog.filter((it) => /christmas/i.test(it.title ?? '')).slice(0, 3)
    const events: InteractionEvent[] = viewed.map((it, k) => ({ type: 'view', item: it.id, ts: k }))
    const history = historyContext(events, (id) => index.get(id))
    const seen = new Set(history.context)
    const result = rankForYou(state, { placement: 'for-you', limit: 10, history, excluded: (i) => seen.has(i) })
    expect(result.source).toBe('content')
    const top5 = result.picks.slice(0, 5).map((p) => catalog[p.index].title ?? '')
    expect(top5.filter((t) => /christmas/i.test(t)).length).toBeGreaterThanOrEqual(3)
    expect(result.picks.every((p) => !seen.has(p.index))).toBe(true)
    expect(result.picks[0].because).toBeDefined()
  })

  it('falls back to popularity without history', () => {
    const items = [{ id: 'a' }, { id: 'b' }, { id: 'c' }]
    const result = rankShelf(stateFor(items, [1, 5, 3]), { placement: 'for-you', limit: 2, history: { context: [], weights: [] }, excluded: () => false })
    expect(result.source).toBe('popular')
    expect(result.picks.map((p) => p.index)).toEqual([1, 2])
  })
})

describe('rankSimilar', () => {
  it('ranks items sharing words with the anchor first and never the anchor itself', () => {
    const items: Item[] = [
      { id: '1', title: 'red heart candle holder' }, { id: '2', title: 'blue heart candle holder' },
      { id: '3', title: 'garden spade' }, { id: '4', title: 'heart candle' }, { id: '5', title: 'mug' },
    ]
    const result = rankSimilar(stateFor(items), { placement: 'similar', item: 0, limit: 4, history: { context: [], weights: [] }, excluded: () => false })
    const ids = result.picks.map((p) => items[p.index].id)
    expect(ids).not.toContain('1')
    expect(ids.slice(0, 2).sort()).toEqual(['2', '4'])
  })
})
