import { describe, expect, it } from 'vitest'
import { initEncoder } from '../core/encoder'
import type { StoredEvent } from '../core/types'
import { buildSeqBatch, sampleClasses } from './seq-batch'
import { createSeqFineTuner, SEQ_FINE_TUNE } from './seq-fine-tune'
import { tf, toyModel } from './test-env'

const events = (list: Array<[string, string]>): StoredEvent[] => list.map(([type, item], i) => ({ seq: i + 1, ts: i + 1, type, item }))

describe('sequence fine-tune', () => {
  it('lowers the bias of items shown and passed over, raises the picked ones, leaves every other item alone', async () => {
    const { weights, features } = toyModel(20, { itemScale: 0.1 })
    weights.encoder = initEncoder({ dim: weights.dim, maxLen: 8, blocks: 1, heads: 1 }, 2)
    const before = weights.itemBias.slice()
    const tuner = createSeqFineTuner(tf, weights, features, SEQ_FINE_TUNE, { seed: 3 })
    // p5 and p6 shown; p6 later clicked (not a negative); p7 dismissed.
    tuner.add(events([['impression', 'p5'], ['impression', 'p6'], ['view', 'p1'], ['click', 'p6'], ['view', 'p2'], ['dismiss', 'p7']]))
    const tensors = tf.memory().numTensors
    const { steps } = await tuner.train()
    expect(steps).toBe(SEQ_FINE_TUNE.steps)
    expect(tf.memory().numTensors).toBe(tensors)
    const b = weights.itemBias
    expect(b[5]).toBeLessThan(before[5])
    expect(b[7]).toBeLessThan(before[7])
    expect(b[6]).toBeGreaterThan(before[6])
    for (const i of [0, 3, 4, 8, 9, 10, 19]) expect(b[i]).toBe(before[i])
    // Nothing new: no steps, and the trained-through mark stays.
    expect((await tuner.train()).steps).toBe(0)
  })

  it('without explicit negatives moves only the biases of the shopper\'s own items', async () => {
    const { weights, features } = toyModel(20, { itemScale: 0.1 })
    weights.encoder = initEncoder({ dim: weights.dim, maxLen: 8, blocks: 1, heads: 1 }, 2)
    const before = weights.itemBias.slice()
    const tuner = createSeqFineTuner(tf, weights, features, SEQ_FINE_TUNE, { seed: 3 })
    tuner.add(events([['view', 'p1'], ['view', 'p2'], ['purchase', 'p3']]))
    expect((await tuner.train()).steps).toBe(SEQ_FINE_TUNE.steps)
    // The classes are the next-item targets (p2, p3); p1 is only an input.
    weights.itemBias.forEach((b, i) => (i === 2 || i === 3 ? expect(b).not.toBe(before[i]) : expect(b).toBe(before[i])))
  })

  it('does not train on a lone view without negatives (nothing to learn)', async () => {
    const { weights, features } = toyModel(10)
    weights.encoder = initEncoder({ dim: weights.dim, maxLen: 8, blocks: 1, heads: 1 }, 2)
    const tuner = createSeqFineTuner(tf, weights, features)
    tuner.add(events([['view', 'p1']]))
    expect((await tuner.train()).steps).toBe(0)
  })
})

describe('sampled classes', () => {
  it('keeps the targets, adds forced negatives with log q = 0 and distinct uniform draws, and re-indexes targets', () => {
    const batch = buildSeqBatch([{ items: [0, 1, 2], types: [0, 0, 0] }], 5)
    const share = new Float32Array(10).fill(0.1)
    let k = 0
    const draws = [0.35, 0.35, 0.95]
    const { candidates, logQ } = sampleClasses(batch, 10, 2, share, () => draws[k++], [7])
    expect([...candidates]).toEqual([1, 2, 7, 3, 9])
    expect([...batch.targets]).toEqual([0, 1])
    expect(logQ[2]).toBe(0)
    expect(logQ[0]).toBeCloseTo(Math.log(2 * 0.1 + 2 / 10), 6)
  })
})
