import { describe, expect, it } from 'vitest'
import { createMetricAccumulator, idealDcg, scoreCase, topItems } from './metrics'

describe('scoreCase', () => {
  it('scores a two-item basket hit at ranks 1 and 3 by hand', () => {
    // DCG = 1/log2(2) + 1/log2(4) = 1.5; ideal for 2 targets = 1 + 1/log2(3) = 1.63093
    const s = scoreCase([7, 1, 8, 2], new Set([7, 8]))
    expect(s.hit).toBe(1)
    expect(s.rr).toBe(1)
    expect(s.ndcg).toBeCloseTo(1.5 / (1 + 1 / Math.log2(3)), 10)
  })

  it('uses the rank of the first target item for MRR', () => {
    // Hits at ranks 3 and 5: rr = 1/3; DCG = 1/2 + 1/log2(6); ideal(3 targets) = 1 + 1/log2(3) + 1/2.
    const s = scoreCase([0, 1, 2, 3, 4, 5], new Set([2, 4, 99]))
    expect(s.rr).toBeCloseTo(1 / 3, 12)
    expect(s.ndcg).toBeCloseTo((0.5 + 1 / Math.log2(6)) / (1 + 1 / Math.log2(3) + 0.5), 10)
  })

  it('caps the ideal DCG at 10 targets and ignores ranks past 10', () => {
    const many = new Set(Array.from({ length: 25 }, (_, i) => i))
    const top10 = Array.from({ length: 10 }, (_, i) => i)
    expect(scoreCase(top10, many).ndcg).toBeCloseTo(1, 12)
    expect(idealDcg(25)).toBeCloseTo(idealDcg(10), 12)
    const late = [100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 0]
    expect(scoreCase(late, many)).toEqual({ hit: 0, ndcg: 0, rr: 0 })
  })

  it('scores a miss as zero everywhere', () => {
    expect(scoreCase([1, 2, 3], new Set([4]))).toEqual({ hit: 0, ndcg: 0, rr: 0 })
  })
})

describe('topItems', () => {
  it('excludes seen items and breaks ties by lower index', () => {
    const scores = new Float32Array([5, 9, 9, 9, 1, 9, NaN, 0, 0, 0, 0, 0, 0, 0])
    const excluded = new Uint8Array(scores.length)
    excluded[2] = 1
    const top = topItems(scores, excluded)
    expect(top.slice(0, 5)).toEqual([1, 3, 5, 0, 4])
    expect(top).not.toContain(2)
    expect(top).not.toContain(6)
    expect(top.length).toBe(12) // the 20 best by default: here all 12 eligible (one seen, one NaN)
    expect(topItems(scores, excluded, 10).length).toBe(10)
  })
})

describe('createMetricAccumulator', () => {
  it('averages per list and measures coverage over the catalog', () => {
    const acc = createMetricAccumulator(20)
    acc.add([0, 1, 2], new Set([0])) // hit at 1: ndcg 1, rr 1
    acc.add([2, 3, 4], new Set([4, 9])) // hit at 3: rr 1/3, ndcg 0.5 / (1 + 1/log2 3)
    acc.add([5, 6, 7], new Set([8])) // miss
    const s = acc.summary()
    expect(s.cases).toBe(3)
    expect(s.hr10).toBeCloseTo(2 / 3, 12)
    expect(s.mrr10).toBeCloseTo((1 + 1 / 3) / 3, 12)
    expect(s.ndcg10).toBeCloseTo((1 + 0.5 / (1 + 1 / Math.log2(3))) / 3, 12)
    expect(s.coverage10).toBeCloseTo(8 / 20, 12) // items 0..7
  })

  it('reports zeros, not NaN, when nothing was scored', () => {
    expect(createMetricAccumulator(5).summary()).toEqual({ hr5: 0, ndcg5: 0, hr10: 0, ndcg10: 0, hr20: 0, ndcg20: 0, mrr10: 0, coverage10: 0, cases: 0 })
  })

  it('reports HR and NDCG at 5, 10 and 20 from one 20-long list (hand-computed)', () => {
    const acc = createMetricAccumulator(100)
    const list = (first: number) => Array.from({ length: 20 }, (_, r) => first + r)
    // Case 1: one target at rank 3 (0-based 2): a hit at every cutoff, NDCG 1/log2(4) = 0.5.
    acc.add(list(0), new Set([2]))
    // Case 2: one target at 0-based rank 7: missed @5; @10 and @20 NDCG = 1/log2(9).
    acc.add(list(20), new Set([27]))
    // Case 3: targets at 0-based ranks 12 and 15 plus one never ranked: only @20 hits.
    // DCG@20 = 1/log2(14) + 1/log2(17); IDCG@20 of 3 targets = 1 + 1/log2(3) + 1/2.
    acc.add(list(40), new Set([52, 55, 99]))
    // Case 4: a miss everywhere.
    acc.add(list(60), new Set([98]))
    const s = acc.summary()
    expect(s.hr5).toBeCloseTo(1 / 4, 12)
    expect(s.hr10).toBeCloseTo(2 / 4, 12)
    expect(s.hr20).toBeCloseTo(3 / 4, 12)
    expect(s.ndcg5).toBeCloseTo(0.5 / 4, 12)
    expect(s.ndcg10).toBeCloseTo((0.5 + 1 / Math.log2(9)) / 4, 12)
    const case3 = (1 / Math.log2(14) + 1 / Math.log2(17)) / (1 + 1 / Math.log2(3) + 0.5)
    expect(s.ndcg20).toBeCloseTo((0.5 + 1 / Math.log2(9) + case3) / 4, 12)
    // MRR and coverage stay @10: rr 1/3 and 1/8; coverage counts only the top 10s (40 items).
    expect(s.mrr10).toBeCloseTo((1 / 3 + 1 / 8) / 4, 12)
    expect(s.coverage10).toBeCloseTo(40 / 100, 12)
  })
})
