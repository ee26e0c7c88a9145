import { describe, expect, it } from 'vitest'
import { parseDataset } from './dataset'
import { withDemoteIgnored } from './demote-ignored'
import type { Method, MethodFactory } from './method'
import { isNewShopper } from './protocol'
import { runEvaluation } from './run'

// 12 items a..l. shopper5 is a held-out new shopper (hash) with baskets {a} {b} {e} {l}; u1 and u2 train.
const ids = 'abcdefghijkl'.split('')
const catalog = ids.map((id) => ({ id }))
const csv = [
  'user,item,ts,type',
  'u1,a,1,purchase', 'u1,b,2,purchase',
  'u2,c,1,purchase', 'u2,d,2,purchase',
  'shopper5,a,1,purchase', 'shopper5,b,2,purchase', 'shopper5,e,3,purchase', 'shopper5,l,4,purchase',
].join('\n')
const data = parseDataset('tiny', catalog, csv)
const letters = (items: number[]) => items.map((i) => ids[i]).join('')

/** Always ranks a, b, c, … in catalog order; records what it observes. */
function fixed(observed: string[]): MethodFactory {
  return () => {
    const self: Method = {
      name: 'fixed',
      fit() {},
      scoreUser: () => Float32Array.from(ids, (_, i) => ids.length - i),
      observe(userKey, events) {
        observed.push(`${userKey} ${events[0].type}@${events[0].ts} ${letters(events.map((e) => e.item))}`)
      },
    }
    return self
  }
}

describe('session protocol', () => {
  it('shows the top 10, observes the unpicked ones as impressions, then the event; scores each next event', async () => {
    expect([isNewShopper('shopper5'), isNewShopper('u1'), isNewShopper('u2')]).toEqual([true, false, false])
    const observed: string[] = []
    const result = await runEvaluation({ data, protocols: ['session'], methods: [fixed(observed), withDemoteIgnored(fixed([]))] })
    // Before b: a seen, shelf b..k; before e: a, b seen, shelf c..l; before l: shelf c, d, f..l.
    expect(observed).toEqual([
      'shopper5 purchase@1 a',
      'shopper5 impression@2 cdefghijk', 'shopper5 purchase@2 b',
      'shopper5 impression@3 cdfghijkl', 'shopper5 purchase@3 e',
      'shopper5 impression@4 cdfghijk', 'shopper5 purchase@4 l',
    ])
    const plain = result.protocols.session!.methods.fixed
    // Hits: b at rank 1, e at rank 3, l at rank 9 (1-based).
    expect(plain).toMatchObject({ users: 1, cases: 3, impressions: 26, hr5: 2 / 3, hr10: 1, hr20: 1 })
    expect(plain.ndcg10).toBeCloseTo((1 + 0.5 + 1 / Math.log2(10)) / 3, 10)
    expect(plain.ndcg5).toBeCloseTo((1 + 0.5) / 3, 10)
    // The rule: before l, c, d and f..k were shown twice and ignored, so l comes first.
    const rule = result.protocols.session!.methods['fixed+rule']
    expect(rule).toMatchObject({ cases: 3, hr5: 1, hr10: 1, params: { demoteAfterIgnored: 2 } })
    expect(rule.ndcg10).toBeCloseTo((1 + 0.5 + 1) / 3, 10)
  })

  it('leaves the rule row out of the protocols without impressions', async () => {
    const result = await runEvaluation({ data, protocols: ['loo', 'new-shopper'], methods: [fixed([]), withDemoteIgnored(fixed([]))] })
    expect(Object.keys(result.protocols.loo!.methods)).toEqual(['fixed'])
    expect(Object.keys(result.protocols['new-shopper']!.methods)).toEqual(['fixed'])
  })
})
