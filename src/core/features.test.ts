import { describe, expect, it } from 'vitest'
import { contentCosine, itemCosine } from './content'
import { buildContentFeatures, tokenBucket } from './features'
import { priceBand, tokenize } from './tokens'

describe('tokenize', () => {
  it('lower-cases, splits on non-letters and drops stop words, single letters and bare numbers', () => {
    expect(tokenize('SET OF 3 Red-Heart T-Light Holders & a Mug')).toEqual(['red', 'heart', 'light', 'holders', 'mug'])
    expect(tokenize('Crème brûlée 12cm')).toEqual(['crème', 'brûlée', '12cm'])
  })
  it('puts prices into log2 bands', () => {
    expect(priceBand(1)).toBe('price:0')
    expect(priceBand(3.9)).toBe('price:2')
    expect(priceBand(0)).toBeUndefined()
    expect(priceBand(undefined)).toBeUndefined()
  })
})

describe('buildContentFeatures', () => {
  const items = [
    { id: 'a', title: 'red heart candle', category: 'Candles', price: 2 },
    { id: 'b', title: 'blue heart candle', category: 'Candles', price: 2.2 },
    { id: 'c', title: 'garden spade', category: 'Garden', price: 20 },
    { id: 'd' },
  ]
  const f = buildContentFeatures(items, { buckets: 256, maxTokens: 8 })

  it('writes unit-length TF-IDF rows and inert padding', () => {
    for (let i = 0; i < 3; i++) {
      const row = f.tokenWeights.slice(i * 8, i * 8 + 8)
      expect(Math.hypot(...row)).toBeCloseTo(1, 5)
    }
    expect([...f.tokenWeights.slice(24, 32)]).toEqual(new Array(8).fill(0)) // no text, no tokens
    expect(f.tokenIds.every((b) => b >= 0 && b < 256)).toBe(true)
  })

  it('never hashes a token into bucket 0 (the padding bucket)', () => {
    for (const t of ['a', 'red', 'cat:candles', 'price:1', 'x'.repeat(100)]) expect(tokenBucket(t, 256)).toBeGreaterThan(0)
  })

  it('weighs rare words above common ones and makes cosine reflect shared words', () => {
    const rowA = f.tokenIds.slice(0, 8)
    const weightOf = (bucket: number) => f.tokenWeights[rowA.indexOf(bucket)]
    expect(weightOf(tokenBucket('red', 256))).toBeGreaterThan(weightOf(tokenBucket('heart', 256)))
    expect(itemCosine(f, 0, 1)).toBeGreaterThan(0.3)
    expect(itemCosine(f, 0, 2)).toBe(0)
    expect(itemCosine(f, 0, 0)).toBeCloseTo(1, 5)
    const cos = contentCosine(f, [0, 1], [0.5, 0.5], [1, 2, 3])
    expect(cos[0]).toBeGreaterThan(cos[1])
    expect(cos[2]).toBe(0)
  })
})
