import type { Tensor } from '@tensorflow/tfjs-core'
import { beforeAll, describe, expect, it } from 'vitest'
import { gatherRows } from './gather-rows'
import { tf } from './test-env'

beforeAll(async () => {
  await tf.setBackend('cpu')
})

/** Gradient of sum(gather(x, idx) * weights) w.r.t. x, with either gather implementation. */
function gradOf(useCustom: boolean, x: Tensor, idx: Tensor, weights: Tensor): Float32Array {
  const g = tf.tidy(() =>
    tf.grad((input: Tensor) => {
      const gathered = useCustom ? gatherRows(tf, input, idx) : tf.gather(input, idx)
      return tf.sum(tf.mul(gathered, weights))
    })(x),
  )
  const out = g.dataSync() as Float32Array
  g.dispose()
  return out
}

describe('gatherRows', () => {
  it('gathers the same values as tf.gather', () => {
    const x = tf.tensor2d([1, 2, 3, 4, 5, 6], [3, 2])
    const idx = tf.tensor2d([2, 0, 2, 1], [2, 2], 'int32')
    const got = gatherRows(tf, x, idx)
    expect(got.shape).toEqual([2, 2, 2])
    expect(Array.from(got.dataSync())).toEqual([5, 6, 1, 2, 5, 6, 3, 4])
    tf.dispose([x, idx, got])
  })

  it('has the native gradient for 1-D indices with duplicates (2-D params)', () => {
    const x = tf.randomNormal([5, 3], 0, 1, 'float32', 1)
    const idx = tf.tensor1d([3, 1, 3, 3, 0], 'int32')
    const w = tf.randomNormal([5, 3], 0, 1, 'float32', 2)
    const custom = gradOf(true, x, idx, w)
    const native = gradOf(false, x, idx, w)
    // Row 3 is gathered three times, so its gradient is a sum; rows 2 and 4 are never used.
    expect(Array.from(custom.subarray(9, 12)).some((v) => v !== 0)).toBe(true)
    expect(Array.from(custom.subarray(6, 9))).toEqual([0, 0, 0])
    for (let i = 0; i < native.length; i++) expect(custom[i]).toBeCloseTo(native[i], 5)
    tf.dispose([x, idx, w])
  })

  it('has the native gradient for 2-D indices with duplicates (2-D params)', () => {
    const x = tf.randomNormal([4, 3], 0, 1, 'float32', 3)
    const idx = tf.tensor2d([0, 2, 2, 2, 1, 0], [2, 3], 'int32')
    const w = tf.randomNormal([2, 3, 3], 0, 1, 'float32', 4)
    const custom = gradOf(true, x, idx, w)
    const native = gradOf(false, x, idx, w)
    expect(Array.from(custom.subarray(9, 12))).toEqual([0, 0, 0])
    for (let i = 0; i < native.length; i++) expect(custom[i]).toBeCloseTo(native[i], 5)
    tf.dispose([x, idx, w])
  })

  it('has the native gradient for a 1-D param (biases) with 2-D indices', () => {
    const x = tf.tensor1d([0.5, -1, 2, 3])
    const idx = tf.tensor2d([1, 1, 3, 0, 1, 1], [3, 2], 'int32')
    const w = tf.tensor2d([1, 2, 3, 4, 5, 6], [3, 2])
    const custom = gradOf(true, x, idx, w)
    const native = gradOf(false, x, idx, w)
    expect(Array.from(custom)).toEqual([4, 1 + 2 + 5 + 6, 0, 3])
    expect(Array.from(custom)).toEqual(Array.from(native))
    tf.dispose([x, idx, w])
  })
})
