import { describe, expect, it } from 'vitest'
import type { ModelWeights } from '../core/types'
import { checkpoint, healthy, healthyRows } from './checkpoint'

const weights = (): ModelWeights => ({
  dim: 2, buckets: 1, itemIds: ['a'], tokenEmb: new Float32Array(2), itemEmb: new Float32Array([1, 2]), itemBias: new Float32Array(1),
  w: new Float32Array([1, 0, 0, 1]), userOffset: new Float32Array(2),
})

describe('checkpoint', () => {
  it('is a copy that later in-place updates do not reach', () => {
    const live = weights()
    const saved = checkpoint(live, { acc: new Float32Array([1]) })
    live.itemEmb[0] = 99
    expect(saved.weights.itemEmb[0]).toBe(1)
    expect((saved.state as { acc: Float32Array }).acc[0]).toBe(1)
  })

  it('calls a round healthy only when the loss and every trained array are finite', () => {
    expect(healthy(0.5, weights())).toBe(true)
    expect(healthy(NaN, weights())).toBe(false)
    expect(healthy(Infinity, weights())).toBe(false)
    for (const key of ['userOffset', 'itemBias', 'itemEmb', 'w', 'tokenEmb'] as const) {
      const bad = weights()
      bad[key][0] = NaN
      expect(healthy(0.5, bad), key).toBe(false)
    }
  })

  it('checks a round by its changed rows and shared tables (the token rows only when they changed)', () => {
    const two = (): ModelWeights => ({ ...weights(), itemIds: ['a', 'b'], itemEmb: new Float32Array([1, 2, 3, 4]), itemBias: new Float32Array(2) })
    expect(healthyRows(0.5, two(), [1], false)).toBe(true)
    expect(healthyRows(NaN, two(), [1], false)).toBe(false)
    const badRow = two()
    badRow.itemEmb[3] = NaN
    expect(healthyRows(0.5, badRow, [1], false)).toBe(false)
    // Row 0 did not change this round: it is not looked at.
    expect(healthyRows(0.5, badRow, [0], false)).toBe(true)
    const badBias = two()
    badBias.itemBias[1] = Infinity
    expect(healthyRows(0.5, badBias, [1], false)).toBe(false)
    const badToken = two()
    badToken.tokenEmb[0] = NaN
    expect(healthyRows(0.5, badToken, [1], false)).toBe(true)
    expect(healthyRows(0.5, badToken, [1], true)).toBe(false)
    for (const key of ['w', 'userOffset'] as const) {
      const bad = two()
      bad[key][0] = NaN
      expect(healthyRows(0.5, bad, [], false), key).toBe(false)
    }
  })
})
