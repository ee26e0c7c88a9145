import { describe, expect, it } from 'vitest'
import { historyContext, historySets } from './history'
import { createRandom } from './random'
import { topK } from './rank'
import { buildExamples, sample, sampleNegatives } from './training'
import type { StoredEvent } from './types'

const index = new Map(['a', 'b', 'c', 'd', 'e'].map((id, i) => [id, i]))
const indexOf = (id: string) => index.get(id)
const ev = (seq: number, item: string, ts: number, type = 'view'): StoredEvent => ({ seq, item, ts, type })

describe('historyContext', () => {
  it('weights recent moments and strong signals more, merges repeats and sums to 1', () => {
    const h = historyContext([ev(1, 'a', 1), ev(2, 'b', 2), ev(3, 'a', 3, 'purchase'), ev(4, 'c', 4, 'impression')], indexOf, 10, 1)
    expect(h.context).toEqual([0, 1]) // most recent first; the impression is not interest
    // a: purchase (4) now beats its view (1) two moments ago (x0.25); b: view one moment ago (x0.5)
    expect(h.weights[0] / h.weights[1]).toBeCloseTo(4 / 0.5, 5)
    expect(h.weights.reduce((s, w) => s + w, 0)).toBeCloseTo(1, 6)
  })
  it('weighs an item by its strongest interaction, so repeats do not add up', () => {
    const repeats = [ev(1, 'a', 1, 'purchase'), ev(2, 'a', 2, 'purchase'), ev(3, 'a', 3, 'purchase'), ev(4, 'b', 3, 'purchase')]
    const h = historyContext(repeats, indexOf, 10, 1)
    expect(h.context).toEqual([1, 0])
    expect(h.weights[0]).toBeCloseTo(h.weights[1], 6)
  })
  it('treats events at one ts as one moment (a basket) and keeps at most maxContext items', () => {
    const h = historyContext([ev(1, 'a', 5), ev(2, 'b', 5), ev(3, 'c', 5)], indexOf, 2, 1)
    expect(h.context).toEqual([2, 1])
    expect(h.weights[0]).toBeCloseTo(h.weights[1], 6)
  })
  it('applies co-purchase lists at full weight for purchases and a quarter for views', () => {
    const h = historyContext([ev(1, 'a', 1), ev(2, 'b', 1, 'purchase'), ev(3, 'c', 1, 'cart')], indexOf, 10, 1)
    expect(h.context).toEqual([2, 1, 0])
    expect(h.neighborWeights!.map((w, k) => w / h.weights[k])).toEqual([0.75, 1, 0.25])
    // An item keeps the strongest evidence it was given.
    const again = historyContext([ev(1, 'a', 1, 'purchase'), ev(2, 'a', 2)], indexOf, 10, 1)
    expect(again.neighborWeights).toEqual(again.weights)
  })
  it('skips unknown items and collects seen, purchased and dismissed sets', () => {
    const events = [ev(1, 'zzz', 1), ev(2, 'a', 2, 'purchase'), ev(3, 'b', 3, 'dismiss')]
    expect(historyContext(events, indexOf).context).toEqual([0])
    const sets = historySets(events)
    expect([...sets.purchased]).toEqual(['a'])
    expect([...sets.dismissed]).toEqual(['b'])
    expect(sets.seen.has('zzz')).toBe(true)
  })
})

describe('buildExamples', () => {
  it('makes one example per new item, with earlier moments as context', () => {
    const events = [ev(1, 'a', 1), ev(2, 'b', 2), ev(3, 'a', 3), ev(4, 'c', 4)]
    const examples = buildExamples(events, indexOf)
    expect(examples.map((e) => e.target)).toEqual([1, 2]) // b, c; the re-view of a teaches nothing new
    expect(examples[0].context).toEqual([0])
    expect(examples[1].context.sort()).toEqual([0, 1])
  })
  it('never uses an item of the same basket as context and can build only new targets', () => {
    const events = [ev(1, 'a', 1), ev(2, 'b', 2), ev(3, 'c', 2), ev(4, 'd', 3)]
    const examples = buildExamples(events, indexOf)
    expect(examples.map((e) => [e.target, e.context])).toEqual([[1, [0]], [2, [0]], [3, expect.arrayContaining([0, 1, 2])]])
    expect(buildExamples(events, indexOf, { afterSeq: 3 }).map((e) => e.target)).toEqual([3])
  })
  it('samples negatives and subsets deterministically from a seed', () => {
    const n1 = sampleNegatives(createRandom(7), 100, 16)
    expect([...n1]).toEqual([...sampleNegatives(createRandom(7), 100, 16)])
    expect(n1.every((i) => i >= 0 && i < 100)).toBe(true)
    const s = sample(createRandom(3), [1, 2, 3, 4, 5], 3)
    expect(new Set(s).size).toBe(3)
  })
})

describe('topK', () => {
  it('returns the best k, best first, skipping excluded and NaN scores', () => {
    expect(topK([0.1, 0.9, NaN, 0.5, 0.7], 3, (i) => i === 4)).toEqual([1, 3, 0])
    expect(topK([1, 1, 1], 2)).toEqual([0, 1]) // ties: lower index first
    expect(topK([1, 2], 0)).toEqual([])
  })
})
