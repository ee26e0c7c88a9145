// A fine-tune round as a delta: the rows it reports are every row it changed, so the page, the
// worker's checkpoint and the store can all follow it by those rows alone.
import { beforeAll, describe, expect, it } from 'vitest'
import type { StoredEvent } from '../core/types'
import { itemVectors, updateItemVectors } from '../core/vectors'
import { applyDelta, takeDelta } from '../core/weight-delta'
import { checkpoint, refreshCheckpoint } from '../worker/checkpoint'
import { createFineTuner, FINE_TUNE } from './fine-tune'
import { copyWeights, tf, toyModel } from './test-env'

beforeAll(async () => {
  await tf.setBackend('cpu')
})

const views = (items: number[], from = 1): StoredEvent[] => items.map((item, i) => ({ seq: from + i, ts: from + i, type: 'view', item: 'p' + item }))

const changed = (before: Float32Array, after: Float32Array, width: number) => {
  const rows = new Set<number>()
  for (let i = 0; i < before.length; i++) if (!Object.is(before[i], after[i])) rows.add(Math.floor(i / width))
  return rows
}

describe('fine-tune changes', () => {
  it('reports every item row a round changed; the rows rebuild the weights, vectors, optimiser and checkpoint exactly', async () => {
    const { weights, features } = toyModel(300, { itemScale: 0.1 })
    const tuner = createFineTuner(tf, weights, features, FINE_TUNE, { seed: 5 })
    const page = copyWeights(weights)
    const vectors = itemVectors(page, features)
    const good = checkpoint(tuner.weights, tuner.state())
    const tensors = tf.memory().numTensors
    let seq = 1
    for (const round of [[3, 17, 42], [42, 99], [250, 3, 7, 8]]) {
      const before = copyWeights(weights)
      const stateBefore = tuner.state()
      tuner.add(views(round, seq))
      seq += round.length
      expect((await tuner.train()).steps).toBeGreaterThan(0)
      const changes = tuner.takeChanges()
      expect(changes.tokens).toBe(false)
      expect(changes.w).toBe(false)
      const rows = new Set(changes.rows)
      // Only a batch's rows (targets, contexts, 64 negatives x 8 steps): far fewer than the catalogue.
      expect(rows.size).toBeLessThan(weights.itemIds.length)
      for (const r of changed(before.itemEmb, weights.itemEmb, weights.dim)) expect(rows.has(r)).toBe(true)
      for (const r of changed(before.itemBias, weights.itemBias, 1)) expect(rows.has(r)).toBe(true)
      for (const r of changed(stateBefore.itemAcc, tuner.state().itemAcc, weights.dim)) expect(rows.has(r)).toBe(true)
      expect([...changes.rows]).toEqual([...changes.rows].sort((a, b) => a - b))

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
  })
})
