import { describe, expect, it } from 'vitest'
import { initEncoder } from '../core/encoder'
import { createRandom } from '../core/random'
import type { StoredEvent } from '../core/types'
import { buildSeqBatch, sampleClasses } from './seq-batch'
import { createSeqFineTuner, SEQ_FINE_TUNE } from './seq-fine-tune'
import { createSeqTrainer } from './seq-trainer'
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

  it('takes the steps of the pretraining trainer (seq-trainer.ts, biases only) on the same sequence and negatives', async () => {
    // The fine-tune computes the encoder in plain TS and steps on the classes' biases only; the
    // pretraining trainer runs the whole tfjs forward pass and a dense Adam. Same loss, same steps
    // while every step has the same classes (the default: no uniform negatives; with them, the lazy
    // Adam leaves a row no draw of this step holds where the dense one moves it by its momentum).
    const a = toyModel(30, { itemScale: 0.3, seed: 5 })
    a.weights.encoder = initEncoder({ dim: a.weights.dim, maxLen: 4, blocks: 2, heads: 2 }, 6)
    const b = toyModel(30, { itemScale: 0.3, seed: 5 })
    b.weights.encoder = a.weights.encoder
    const options = SEQ_FINE_TUNE
    const tuner = createSeqFineTuner(tf, a.weights, a.features, options, { seed: 8 })
    // Six interests: longer than maxLen + 1, so the window applies as well.
    tuner.add(events([['view', 'p1'], ['impression', 'p9'], ['view', 'p2'], ['click', 'p3'], ['cart', 'p3'], ['view', 'p4'], ['dismiss', 'p8'], ['purchase', 'p5']]))
    const { loss } = await tuner.train()
    const trainer = createSeqTrainer(tf, b.weights, b.features, {
      learningRate: options.learningRate, dropout: 0, negatives: 0, trainItems: false, trainTokens: false, trainBias: true, trainEncoder: false,
    })
    const random = createRandom(8)
    const sequence = { items: [1, 2, 3, 3, 4, 5], types: [1, 1, 2, 3, 1, 4] }
    let expected = 0
    for (let s = 0; s < options.steps; s++) expected = await trainer.step([sequence], random, [9, 8])
    expect(loss).toBeCloseTo(expected, 5)
    a.weights.itemBias.forEach((bias, i) => expect(bias).toBeCloseTo(b.weights.itemBias[i], 5))
    // Something moved, or the comparison would prove nothing.
    expect(a.weights.itemBias[9]).not.toBe(toyModel(30, { itemScale: 0.3, seed: 5 }).weights.itemBias[9])
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
