import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { validateCatalog } from './catalog'
import { buildContentFeatures } from './features'
import { topK } from './rank'
import { bigramSimilarity, buildQueryIndex, editDistance, matchWord, queryScores, singular } from './query'

const catalog = validateCatalog(JSON.parse(readFileSync(new URL('../../public/data/catalog.json', import.meta.url), 'utf8'))).items
const features = buildContentFeatures(catalog)
const index = buildQueryIndex(catalog)
const top = (query: string, k = 5) => { const s = queryScores(index, features, catalog.length, query); return topK(s, k, (i) => s[i] <= 0).map((i) => catalog[i].title!.toLowerCase()) }

describe('singular', () => {
  it('drops English plural endings', () => {
    expect(['candles', 'boxes', 'berries', 'glass', 'mugs', 'dishes', 'bus'].map(singular)).toEqual(['candle', 'box', 'berry', 'glass', 'mug', 'dish', 'bus'])
  })
})

describe('matchWord', () => {
  it('matches exact words and plurals fully, typos by bigrams, and nothing for gibberish', () => {
    expect(matchWord(index, 'candles').map(([, s]) => s)).toContain(1)
    const typo = matchWord(index, 'candel')
    expect(typo.map(([w]) => w)).toContain('candle')
    expect(typo[0][1]).toBeGreaterThan(0.75)
    expect(typo[0][1]).toBeLessThan(1)
    expect(matchWord(index, 'qqqzzz')).toEqual([])
    expect(bigramSimilarity('candle', 'candle')).toBe(1)
    expect([editDistance('candel', 'candle'), editDistance('candel', 'candy'), editDistance('', 'ab'), editDistance('abc', 'abc')]).toEqual([1, 2, 2, 0])
  })
})

describe('queryScores', () => {
  it('finds red candles whatever the word order, plural or typo', () => {
    // The demo catalog has one red candle, and two red holders in the Candles category.
    for (const query of ['red candle', 'candle red', 'red candles', 'Red  CANDEL']) {
      const titles = top(query)
      expect(titles[0], query).toBe('set/10 red polkadot party candles')
      expect(titles.slice(0, 3).every((t) => t.includes('red')), `${query}: ${titles}`).toBe(true)
    }
    expect(top('candles', 5).every((t) => /candle|lantern|holder|t-light/.test(t))).toBe(true)
  })
  it('scores nothing for a query that matches no word', () => {
    expect(top('qqqzzz')).toEqual([])
    expect(top('')).toEqual([])
  })
  it("leans towards the shopper's taste among equal matches", () => {
    const christmas = catalog.findIndex((it) => /christmas/i.test(it.title ?? '') && /candle/i.test(it.title ?? ''))
    expect(christmas).toBeGreaterThanOrEqual(0)
    const plain = queryScores(index, features, catalog.length, 'candle')
    const tasted = queryScores(index, features, catalog.length, 'candle', { context: [christmas], weights: [1] })
    const christmasCandles = catalog.map((_, i) => i).filter((i) => /christmas/i.test(catalog[i].title ?? '') && plain[i] > 0)
    for (const i of christmasCandles) expect(tasted[i]).toBeGreaterThan(plain[i])
    expect(topK(tasted, 1)[0]).not.toBe(-1)
  })
})
