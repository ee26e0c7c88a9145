import { describe, expect, it } from 'vitest'
import type { ModelWeights } from '../core/types'
import { checkpoint, healthy } from './checkpoint'

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
})
