import { describe, expect, it } from 'vitest'
import { BASELINES } from './baselines'
import { parseDataset } from './dataset'
import type { Method, MethodFactory } from './method'
import { runEvaluation } from './run'
import { formatTable, toJson } from './table'

const catalog = ['a', 'b', 'c', 'd', 'e'].map((id) => ({ id, title: id.toUpperCase() }))
// loo: u1 (baskets {a} {b} {c,d}) is ranked once with history a, b and target c, d; shopper5
// ({a} {b} {e}) once with history a, b and target e.
// new-shopper: shopper5 is held out (see protocol.test.ts) and predicted before baskets 2 and 3.
const csv = [
  'user,item,ts,type',
  'u1,a,1,purchase', 'u1,b,2,view', 'u1,c,3,purchase', 'u1,d,3,purchase',
  'u2,a,1,purchase', 'u2,c,1,purchase', 'u2,d,2,purchase',
  'shopper5,a,1,purchase', 'shopper5,b,2,purchase', 'shopper5,e,3,purchase',
  'u3,zz,1,purchase',
].join('\n')
const data = parseDataset('tiny', catalog, csv)

/** Scores items in a fixed order (c, e, d, a, b) and records every call. */
function recorder(calls: string[], name = 'fixed'): MethodFactory {
  return () => {
    const self: Method = {
      name,
      fit: (train) => { calls.push(`fit ${train.protocol} ${train.users.map((u) => u.key).join(',')}`) },
      scoreUser(history, { userKey }) {
        calls.push(`score ${userKey} ${history.map((e) => e.item).join('')}`)
        return new Float32Array([2, 1, 5, 3, 4])
      },
      observe: (userKey, events) => { calls.push(`observe ${userKey} ${events.map((e) => e.item).join('')}`) },
      resetUser: (userKey) => { calls.push(`reset ${userKey}`) },
      dispose: () => { calls.push('dispose') },
    }
    return self
  }
}

describe('runEvaluation', () => {
  it('replays users through the method seam in order and scores with seen items excluded', async () => {
    const calls: string[] = []
    const logs: string[] = []
    const result = await runEvaluation({ data, seed: 3, methods: [recorder(calls)], log: (l) => logs.push(l) })
    expect(calls).toEqual([
      'fit loo u1,u2,shopper5', // u1 and shopper5 train on {a} only; u2 has 2 baskets
      'reset u1', 'observe u1 0', 'observe u1 1', 'score u1 01',
      'reset shopper5', 'observe shopper5 0', 'observe shopper5 1', 'score shopper5 01', 'dispose',
      'fit new-shopper u1,u2',
      'reset shopper5', 'observe shopper5 0', 'score shopper5 0', 'observe shopper5 1', 'score shopper5 01', 'observe shopper5 4', 'dispose',
    ])
    // loo: a, b excluded -> ranking c, e, d; u1's targets c, d at ranks 1 and 3, shopper5's e at 2.
    const loo = result.protocols.loo!.methods.fixed
    expect(loo).toMatchObject({ hr10: 1, users: 2, cases: 2 })
    expect(loo.mrr10).toBeCloseTo((1 + 1 / 2) / 2, 10)
    expect(loo.ndcg10).toBeCloseTo((1.5 / (1 + 1 / Math.log2(3)) + 1 / Math.log2(3)) / 2, 10)
    expect(loo.coverage10).toBeCloseTo(3 / 5, 10)
    // new-shopper: before {b} (a seen): c, e, d, b -> b at rank 4; before {e} (a, b seen): c, e, d -> rank 2.
    const ns = result.protocols['new-shopper']!.methods.fixed
    expect(ns).toMatchObject({ users: 1, cases: 2, hr10: 1 })
    expect(ns.mrr10).toBeCloseTo((1 / 4 + 1 / 2) / 2, 10)
    expect(ns.ndcg10).toBeCloseTo((1 / Math.log2(5) + 1 / Math.log2(3)) / 2, 10)
    expect(ns.observeSeconds).toBeGreaterThanOrEqual(0)
    expect(result.dataset).toEqual({ name: 'tiny', items: 5, users: 3, events: 10, unknownItemEvents: 1, badRows: 0 })
    expect(logs.some((l) => l.startsWith('loo: 3 training users'))).toBe(true)
  })

  it('records a failing method as an error row and carries on with the others', async () => {
    const calls: string[] = []
    const broken: MethodFactory = () => ({ name: 'broken', fit: () => { throw new Error('no weights') }, scoreUser: () => new Float32Array(5) })
    const short: MethodFactory = () => ({ name: 'short', fit: () => {}, scoreUser: () => new Float32Array(2) })
    const result = await runEvaluation({ data, protocols: ['loo'], methods: [broken, short, recorder(calls)] })
    const rows = result.protocols.loo!.methods
    expect(rows.broken).toMatchObject({ hr10: null, error: 'training failed: no weights' })
    expect(rows.short.error).toMatch(/returned 2 scores for a catalog of 5 items/)
    expect(rows.fixed.hr10).toBe(1)
    expect(result.protocols['new-shopper']).toBeUndefined()
    expect(formatTable(result)).toMatch(/broken: FAILED: training failed: no weights/)
  })

  it('refuses two methods with the same name (they would share a JSON key)', async () => {
    await expect(runEvaluation({ data, protocols: ['loo'], methods: [recorder([]), recorder([])] })).rejects.toThrow(/two methods are named "fixed"/)
  })

  it('runs the four baselines deterministically and writes the documented JSON shape', async () => {
    const run = () => runEvaluation({ data, seed: 5, methods: BASELINES })
    const [first, second] = [await run(), await run()]
    const strip = (r: typeof first) => JSON.parse(toJson(r), (k, v) => (k === 'trainSeconds' || k === 'rankMsPerUser' ? 0 : v))
    expect(strip(first)).toEqual(strip(second))
    const json = JSON.parse(toJson(first))
    expect(Object.keys(json)).toEqual(['dataset', 'seed', 'protocols'])
    expect(Object.keys(json.protocols)).toEqual(['loo', 'new-shopper'])
    expect(Object.keys(json.protocols.loo.methods)).toEqual(['random', 'popularity', 'itemknn', 'ease'])
    for (const m of Object.values(json.protocols.loo.methods) as Record<string, unknown>[]) {
      for (const key of ['hr5', 'ndcg5', 'hr10', 'ndcg10', 'hr20', 'ndcg20', 'mrr10', 'coverage10', 'users', 'trainSeconds', 'rankMsPerUser']) expect(typeof m[key]).toBe('number')
    }
    const text = formatTable(first)
    expect(text).toMatch(/Leave-one-out/)
    expect(text).toMatch(/New shopper/)
    expect(text).toMatch(/^ease\s+\d\.\d{4}/m)
  })
})
