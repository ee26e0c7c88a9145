import { describe, expect, it } from 'vitest'
import { createRandom } from '../../core/random'
import type { Item } from '../../core/types'
import { createMetricAccumulator, topItems } from '../metrics'
import type { MetricSummary } from '../metrics'
import type { HistoryEvent, TrainData, TrainUser } from '../protocol'
import { createEaseMethod, DEFAULT_MAX_ITEMS } from './ease'
import { createItemKnnMethod } from './itemknn'
import { createPopularityMethod } from './popularity'
import { createRandomMethod } from './random'

const items: Item[] = ['i0', 'i1', 'i2', 'i3'].map((id) => ({ id }))
const ev = (item: number, ts = 1, type = 'purchase'): HistoryEvent => ({ item, ts, type })
const user = (key: string, list: number[]): TrainUser => ({ key, events: list.map((i) => ev(i)) })
// X (3 users x 4 items): u1 {0, 1}, u2 {1, 2}, u3 {0, 1, 2}; item 3 never trained.
// G = X^T X on items 0..2 = [[2, 2, 1], [2, 3, 2], [1, 2, 2]].
const users = [user('u1', [0, 1, 1]), user('u2', [1, 2]), user('u3', [0, 1, 2])]
const train = (over: Partial<TrainData> = {}): TrainData =>
  ({ protocol: 'loo', items, users, tuning: { users, validation: [] }, seed: 1, ...over })
const context = { protocol: 'loo' as const, items, seed: 1 }
const score = (m: ReturnType<typeof createEaseMethod>, history: number[]) =>
  [...(m.scoreUser(history.map((i) => ev(i)), { userKey: 'x', protocol: 'loo' }) as Float32Array)]

describe('EASE', () => {
  it('matches the closed form solved by hand on a 3-item matrix', async () => {
    // lambda = 1: A = G + I = [[3, 2, 1], [2, 4, 2], [1, 2, 3]], det 16, adj / det gives
    // P = [[.5, -.25, 0], [-.25, .5, -.25], [0, -.25, .5]]; B_ij = -P_ij / P_jj:
    // B = [[0, .5, 0], [.5, 0, .5], [0, .5, 0]]. Untrained item 3 scores -Infinity.
    const ease = createEaseMethod(context, { lambdas: [1] })
    await ease.fit(train(), () => {})
    expect(score(ease, [0])).toEqual([0, 0.5, 0, -Infinity]) // x_u B, seen item 0 included
    expect(score(ease, [1])).toEqual([0.5, 0, 0.5, -Infinity])
    expect(score(ease, [0, 2])).toEqual([0, 1, 0, -Infinity])
    expect(ease.params).toMatchObject({ lambda: 1, items: 3 })
    expect(ease.params?.inverseSeconds).toBeGreaterThanOrEqual(0)
    expect(ease.note).toBeUndefined()
  })

  it('picks the lambda with the best validation HR@10 and refits on all users when tuning used fewer', async () => {
    // Validation: a user with item 0 next took item 1. Both lambdas rank 1 first, so the tie goes to
    // NDCG and then to the earlier lambda; then the final fit (on `users`) must equal a direct fit.
    const tuningUsers = [user('u1', [0, 1]), user('u2', [1, 2])]
    const validation = [{ userKey: 'v', history: [ev(0)], target: [1] }]
    const tuned = createEaseMethod(context, { lambdas: [1, 3] })
    const logs: string[] = []
    await tuned.fit(train({ protocol: 'new-shopper', tuning: { users: tuningUsers, validation } }), (l) => logs.push(l))
    expect(tuned.params?.lambda).toBe(1)
    expect(logs[0]).toMatch(/lambda 1: validation HR@10 1\.0000/)
    expect(logs.some((l) => /fitting 3 items at lambda 1/.test(l))).toBe(true)
    const direct = createEaseMethod(context, { lambdas: [1] })
    await direct.fit(train(), () => {})
    expect(score(tuned, [1])).toEqual(score(direct, [1]))
  })

  it('picks the grid value whose validation metrics are best', async () => {
    // 30 items, 300 users buying within one of three overlapping item groups; score each lambda
    // alone on the validation cases, then the tuned fit must choose the best of them.
    const next = createRandom(11)
    const many: Item[] = Array.from({ length: 30 }, (_, i) => ({ id: `i${i}` }))
    const shoppers = Array.from({ length: 300 }, (_, u) => {
      const base = (u % 3) * 8
      return user(`s${u}`, Array.from({ length: 4 }, () => base + Math.floor(next() * 14) % 30))
    })
    const validation = Array.from({ length: 60 }, (_, v) => {
      const base = (v % 3) * 8
      const history = [ev(base + Math.floor(next() * 14))]
      const target = [base + Math.floor(next() * 14)].filter((t) => t !== history[0].item)
      return { userKey: `v${v}`, history, target }
    }).filter((c) => c.target.length)
    const data: TrainData = { protocol: 'loo', items: many, users: shoppers, tuning: { users: shoppers, validation }, seed: 1 }
    const grid = [0.01, 30, 3000]
    const metrics: MetricSummary[] = []
    for (const lambda of grid) {
      const m = createEaseMethod({ ...context, items: many }, { lambdas: [lambda] })
      await m.fit(data, () => {})
      const acc = createMetricAccumulator(many.length)
      for (const c of validation) {
        const excluded = new Uint8Array(many.length)
        excluded[c.history[0].item] = 1
        acc.add(topItems(m.scoreUser(c.history, { userKey: c.userKey, protocol: 'loo' }) as Float32Array, excluded), new Set(c.target))
      }
      metrics.push(acc.summary())
    }
    expect(new Set(metrics.map((s) => s.ndcg10)).size).toBeGreaterThan(1) // the grid matters here
    let best = 0
    metrics.forEach((s, i) => {
      const b = metrics[best]
      if (s.hr10 > b.hr10 || (s.hr10 === b.hr10 && s.ndcg10 > b.ndcg10)) best = i
    })
    const tuned = createEaseMethod({ ...context, items: many }, { lambdas: grid })
    await tuned.fit(data, () => {})
    expect(tuned.params?.lambda).toBe(grid[best])
    const byNdcg = createEaseMethod({ ...context, items: many }, { lambdas: grid, tuneOn: 'ndcg10' })
    await byNdcg.fit(data, () => {})
    const bestNdcg = metrics.reduce((bi, s, i) => (s.ndcg10 > metrics[bi].ndcg10 ? i : bi), 0)
    expect(byNdcg.params?.lambda).toBe(grid[bestNdcg])
  })

  it('models only the most frequent items when told to, and says so', async () => {
    const ease = createEaseMethod(context, { lambdas: [1], maxItems: 2 })
    await ease.fit(train(), () => {})
    // Items by users: 1 (3), 0 (2), 2 (2): keep 1 and 0 (tie goes to the lower index).
    const s = score(ease, [1])
    expect(s[2]).toBe(-Infinity)
    expect(s[3]).toBe(-Infinity)
    expect(Number.isFinite(s[0])).toBe(true)
    expect(ease.note).toMatch(/FALLBACK: restricted to the 2 most frequent of 3 trained items.*would need/)
    expect(ease.note).not.toMatch(/lambda tuned on/)
  })

  it('models every trained item by default, up to the memory limit (30k items)', async () => {
    expect(DEFAULT_MAX_ITEMS).toBe(30000)
    // 301 items bought in pairs, item 300 never; lambda given, so one exact fit of all 300.
    const many: Item[] = Array.from({ length: 301 }, (_, i) => ({ id: `i${i}` }))
    const pairs = Array.from({ length: 150 }, (_, u) => user(`p${u}`, [2 * u, 2 * u + 1]))
    const ease = createEaseMethod({ ...context, items: many }, { lambdas: [1] })
    await ease.fit({ protocol: 'loo', items: many, users: pairs, tuning: { users: pairs, validation: [] }, seed: 1 }, () => {})
    expect(ease.params).toMatchObject({ items: 300 })
    expect(ease.note).toBeUndefined()
    // Block-diagonal G + I: each pair is [[2, 1], [1, 2]], inverse [[2, -1], [-1, 2]] / 3, so
    // B_01 = -P_01 / P_11 = 1/2 inside a pair and 0 across pairs.
    const s = ease.scoreUser([ev(298)], { userKey: 'x', protocol: 'loo' }) as Float32Array
    expect(s[299]).toBeCloseTo(0.5, 10)
    expect(s[0]).toBeCloseTo(0, 10)
    expect(s[300]).toBe(-Infinity)
  })

  it('can tune on fewer items than it models, then fits them all at the chosen lambda', async () => {
    const logs: string[] = []
    const ease = createEaseMethod(context, { lambdas: [1, 1], tuneItems: 2 })
    await ease.fit(train(), (l) => logs.push(l))
    expect(logs[0]).toMatch(/on 2 items/)
    expect(logs[2]).toMatch(/fitting 3 items at lambda 1/)
    expect(logs[3]).toMatch(/exact EASE: Cholesky factor done \(1\/3\)/)
    expect(logs[4]).toMatch(/exact EASE: triangular inverse done \(2\/3\)/)
    expect(logs[5]).toMatch(/exact EASE: 3 x 3 Cholesky inverse at lambda 1 in [\d.]+ s/)
    expect(ease.note).toMatch(/lambda tuned on the 2 most frequent items/)
    expect(score(ease, [0])).toEqual([0, 0.5, 0, -Infinity]) // the same hand-solved model as above
  })
  it('fits the same model on worker threads', async () => {
    const ease = createEaseMethod(context, { lambdas: [1, 3], threads: 2 })
    const logs: string[] = []
    await ease.fit(train(), (l) => logs.push(l))
    expect(score(ease, [0])).toEqual([0, 0.5, 0, -Infinity])
    const many: Item[] = Array.from({ length: 301 }, (_, i) => ({ id: `i${i}` }))
    const shoppers = Array.from({ length: 400 }, (_, u) => user(`s${u}`, [u % 300, (u * 7 + 1) % 300, (u * 13 + 5) % 300]))
    const data: TrainData = { protocol: 'loo', items: many, users: shoppers, tuning: { users: shoppers, validation: [] }, seed: 1 }
    const serial = createEaseMethod({ ...context, items: many }, { lambdas: [5] })
    const threaded = createEaseMethod({ ...context, items: many }, { lambdas: [5], threads: 3 })
    await serial.fit(data, () => {})
    await threaded.fit(data, (l) => logs.push(l))
    expect(logs.at(-1)).toMatch(/3 threads/)
    const h = [ev(1), ev(8), ev(200)]
    expect(threaded.scoreUser(h, { userKey: 'x', protocol: 'loo' })).toEqual(serial.scoreUser(h, { userKey: 'x', protocol: 'loo' }))
  })

  it('fits once at full size when given a single lambda (nothing to tune)', async () => {
    const logs: string[] = []
    const ease = createEaseMethod(context, { lambdas: [1], tuneItems: 2 })
    await ease.fit(train(), (l) => logs.push(l))
    expect(logs).toHaveLength(4) // "fitting 3 items", two thirds of the inverse done, its time
    expect(ease.params).toMatchObject({ lambda: 1, items: 3 })
    expect(score(ease, [0])).toEqual([0, 0.5, 0, -Infinity])
  })
})

describe('item-kNN', () => {
  // Column norms sqrt(2), sqrt(3), sqrt(2): sim01 = 2/sqrt(6), sim02 = 1/2, sim12 = 2/sqrt(6).
  it('sums cosine similarities of the history items', async () => {
    const knn = createItemKnnMethod(context)
    await knn.fit(train(), () => {})
    const s = knn.scoreUser([ev(0), ev(0)], { userKey: 'x', protocol: 'loo' }) as Float32Array
    expect(s[0]).toBe(0)
    expect(s[1]).toBeCloseTo(2 / Math.sqrt(6), 6)
    expect(s[2]).toBeCloseTo(0.5, 6)
    expect(s[3]).toBe(0)
    const both = knn.scoreUser([ev(0), ev(2)], { userKey: 'x', protocol: 'loo' }) as Float32Array
    expect(both[1]).toBeCloseTo(4 / Math.sqrt(6), 6)
  })

  it('keeps only the k nearest neighbours when asked', async () => {
    const knn = createItemKnnMethod(context, { neighbours: 1 })
    await knn.fit(train(), () => {})
    const s = knn.scoreUser([ev(0)], { userKey: 'x', protocol: 'loo' }) as Float32Array
    expect([...s].map((v) => Number(v.toFixed(4)))).toEqual([0, Number((2 / Math.sqrt(6)).toFixed(4)), 0, 0])
    expect(knn.params).toEqual({ neighbours: 1 })
  })

  it('ignores dismissals and impressions in the history', async () => {
    const knn = createItemKnnMethod(context)
    await knn.fit(train(), () => {})
    const s = knn.scoreUser([ev(0, 1, 'dismiss'), ev(2, 1, 'impression')], { userKey: 'x', protocol: 'loo' }) as Float32Array
    expect([...s]).toEqual([0, 0, 0, 0])
  })
})

describe('popularity', () => {
  it('counts distinct training users per item, not repeat events', async () => {
    const pop = createPopularityMethod(context)
    await pop.fit(train(), () => {})
    expect([...(pop.scoreUser([], { userKey: 'x', protocol: 'loo' }) as Float32Array)]).toEqual([2, 3, 2, 0])
  })
})

describe('random', () => {
  it('is the same for the same seed and user, and differs across users and seeds', () => {
    const a = createRandomMethod(context)
    const h = [ev(0)]
    const s1 = a.scoreUser(h, { userKey: 'u', protocol: 'loo' })
    expect(a.scoreUser(h, { userKey: 'u', protocol: 'loo' })).toEqual(s1)
    expect(a.scoreUser(h, { userKey: 'w', protocol: 'loo' })).not.toEqual(s1)
    expect(createRandomMethod({ ...context, seed: 2 }).scoreUser(h, { userKey: 'u', protocol: 'loo' })).not.toEqual(s1)
  })
})
