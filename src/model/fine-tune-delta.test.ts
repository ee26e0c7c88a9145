// A fine-tune round as a delta: the rows it reports are every row it changed, so the page, the
// worker's checkpoint and the store can all follow it by those rows alone. Both fine-tunes the
// worker runs (model-fine-tuner.ts): the older trainer's and a sequence model's.
import { beforeAll, describe, expect, it } from 'vitest'
import { initEncoder } from '../core/encoder'
import type { ContentFeatures, ModelWeights, StoredEvent } from '../core/types'
import { itemVectors, updateItemVectors } from '../core/vectors'
import { applyDelta, takeDelta } from '../core/weight-delta'
import { checkpoint, healthyRows, refreshCheckpoint } from '../worker/checkpoint'
import { createFineTuner, FINE_TUNE, type FineTuner } from './fine-tune'
import { createModelFineTuner } from './model-fine-tuner'
import { copyWeights, tf, toyModel } from './test-env'

beforeAll(async () => {
  await tf.setBackend('cpu')
})

const stored = (list: Array<[string, number]>, from = 1): StoredEvent[] => list.map(([type, item], i) => ({ seq: from + i, ts: from + i, type, item: 'p' + item }))
const views = (items: number[]): Array<[string, number]> => items.map((item) => ['view', item])
const copy = (w: ModelWeights): ModelWeights => ({ ...copyWeights(w), encoder: w.encoder })

const changed = (before: Float32Array, after: Float32Array, width: number) => {
  const rows = new Set<number>()
  for (let i = 0; i < before.length; i++) if (!Object.is(before[i], after[i])) rows.add(Math.floor(i / width))
  return rows
}

/** Trains `rounds` and checks each round's reported rows against what really changed; returns each round's row count. */
async function checkRounds(tuner: FineTuner, features: ContentFeatures, rounds: Array<Array<[string, number]>>): Promise<number[]> {
  const weights = tuner.weights
  const page = copy(weights)
  const vectors = itemVectors(page, features)
  const good = checkpoint(tuner.weights, tuner.state())
  const tensors = tf.memory().numTensors
  const sizes: number[] = []
  let seq = 1
  for (const round of rounds) {
    const before = copy(weights)
    const stateBefore = tuner.state()
    tuner.add(stored(round, seq))
    seq += round.length
    const { loss, steps } = await tuner.train()
    expect(steps).toBeGreaterThan(0)
    const changes = tuner.takeChanges()
    expect(changes.tokens).toBe(false)
    expect(changes.w).toBe(false)
    const rows = new Set(changes.rows)
    sizes.push(rows.size)
    for (const r of changed(before.itemEmb, weights.itemEmb, weights.dim)) expect(rows.has(r)).toBe(true)
    for (const r of changed(before.itemBias, weights.itemBias, 1)) expect(rows.has(r)).toBe(true)
    for (const r of changed(stateBefore.itemAcc, tuner.state().itemAcc, weights.dim)) expect(rows.has(r)).toBe(true)
    for (const r of changed(stateBefore.biasAcc, tuner.state().biasAcc, 1)) expect(rows.has(r)).toBe(true)
    expect([...changes.rows]).toEqual([...changes.rows].sort((a, b) => a - b))
    expect(healthyRows(loss, weights, changes.rows, changes.tokens)).toBe(true)

    const delta = takeDelta(weights, changes.rows, changes.tokens)
    updateItemVectors(vectors, page, features, applyDelta(page, delta, () => undefined))
    expect(page).toEqual(weights)
    expect(vectors).toEqual(itemVectors(weights, features))
    refreshCheckpoint(good, tuner.weights, tuner.liveState(), changes.rows, changes.tokens)
    expect(good).toEqual(checkpoint(tuner.weights, tuner.state()))
  }
  // A record starts afresh after each take.
  expect(tuner.takeChanges().rows.length).toBe(0)
  expect(tf.memory().numTensors).toBe(tensors)
  return sizes
}

describe('fine-tune changes', () => {
  it('reports every item row a round changed; the rows rebuild the weights, vectors, optimiser and checkpoint exactly', async () => {
    const { weights, features } = toyModel(300, { itemScale: 0.1 })
    const sizes = await checkRounds(createFineTuner(tf, weights, features, FINE_TUNE, { seed: 5 }), features, [views([3, 17, 42]), views([42, 99]), views([250, 3, 7, 8])])
    // Only a batch's rows (targets, contexts, 64 negatives x 8 steps): far fewer than the catalogue.
    for (const size of sizes) expect(size).toBeLessThan(weights.itemIds.length)
  })

  it('does the same for a sequence model (version 3), whose rounds change only their classes\' rows', async () => {
    const { weights, features } = toyModel(300, { itemScale: 0.1 })
    weights.encoder = initEncoder({ dim: weights.dim, maxLen: 8, blocks: 2, heads: 2 }, 4)
    const sizes = await checkRounds(createModelFineTuner(tf, weights, features, FINE_TUNE, { seed: 5 }), features, [
      [['impression', 40], ['impression', 41], ['view', 3], ['view', 17]],
      [['impression', 42], ['click', 41], ['dismiss', 90]],
      [['view', 250], ['purchase', 3], ['impression', 7], ['impression', 8]],
    ])
    // The targets and the items passed over: a handful, not the older trainer's hundreds of negatives.
    expect(sizes).toEqual([3, 5, 9])
  })
})
