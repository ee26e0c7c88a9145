import { describe, expect, it } from 'vitest'
import { buildContentFeatures } from './features'
import { createRandom } from './random'
import type { ModelWeights } from './types'
import { itemVectors, updateItemVectors } from './vectors'
import { applyDelta, createUndoLog, takeDelta, undoDelta } from './weight-delta'
import { cloneWeights, initWeights } from './weights'

const WORDS = 'red blue green mug plate candle lamp star heart vintage glass'.split(' ')

function model(count: number, seed = 3) {
  const random = createRandom(seed)
  const items = Array.from({ length: count }, (_, i) => ({ id: 'p' + i, title: `${WORDS[i % 11]} ${WORDS[(i * 7) % 11]} ${WORDS[Math.floor(random() * 11)]}` }))
  const features = buildContentFeatures(items, { buckets: 32, maxTokens: 5 })
  const weights = initWeights(items.map((it) => it.id), { buckets: 32, dim: 4, seed })
  weights.itemEmb.forEach((_, i) => (weights.itemEmb[i] = random() - 0.5))
  return { items, features, weights, random }
}

/** Changes `rows` the way a fine-tune round does: their embeddings and biases, plus W and the offset. */
function train(weights: ModelWeights, rows: number[], random: () => number): void {
  for (const r of rows) {
    for (let d = 0; d < weights.dim; d++) weights.itemEmb[r * weights.dim + d] += random() - 0.5
    weights.itemBias[r] += random()
  }
  weights.userOffset[1] += 0.25
  weights.w[2] += 0.5
}

describe('updateItemVectors', () => {
  it('redoes only the given rows, bit-identical to a full recompute', () => {
    const { features, weights, random } = model(50)
    const vectors = itemVectors(weights, features)
    train(weights, [0, 7, 49], random)
    updateItemVectors(vectors, weights, features, [0, 7, 49])
    expect(vectors).toEqual(itemVectors(weights, features))
  })
})

describe('weight deltas', () => {
  it('carries only the changed rows and patches a copy into the same weights', () => {
    const { features, weights, random } = model(40)
    const page = cloneWeights(weights)
    const vectors = itemVectors(page, features)
    const rows = Int32Array.from([2, 5, 31])
    train(weights, [...rows], random)
    const delta = takeDelta(weights, rows, false)
    expect(delta.ids).toEqual(['p2', 'p5', 'p31'])
    expect(delta.itemEmb.length).toBe(3 * weights.dim)
    expect(delta.tokenEmb).toBeUndefined()
    const patched = applyDelta(page, delta, () => undefined)
    updateItemVectors(vectors, page, features, patched)
    expect(page).toEqual(weights)
    expect(vectors).toEqual(itemVectors(weights, features))
  })

  it('maps rows by id for a receiver whose catalogue is in another order, skipping unknown ids', () => {
    const { weights, random } = model(10)
    const sent = cloneWeights(weights)
    train(sent, [1, 4], random)
    const delta = takeDelta(sent, Int32Array.from([1, 4]), false)
    // The receiver lacks p4 and holds p1 at row 0.
    const ids = weights.itemIds.filter((id) => id !== 'p4').reverse()
    const index = new Map(ids.map((id, i) => [id, i]))
    const receiver = { ...cloneWeights(weights), itemIds: ids, itemEmb: new Float32Array(ids.length * 4), itemBias: new Float32Array(ids.length) }
    const patched = applyDelta(receiver, delta, (id) => index.get(id))
    const row = index.get('p1')!
    expect([...patched]).toEqual([row])
    expect(receiver.itemEmb.subarray(row * 4, row * 4 + 4)).toEqual(sent.itemEmb.subarray(4, 8))
    expect(receiver.itemBias[row]).toBe(sent.itemBias[1])
  })

  it('undoes every patch back to the untouched start, however many rounds touched a row', () => {
    const { weights, random } = model(30)
    const start = cloneWeights(weights)
    const live = cloneWeights(weights)
    const undo = createUndoLog()
    for (const rows of [[1, 2], [2, 9], [29]]) {
      train(weights, rows, random)
      weights.tokenEmb[0] += 1
      applyDelta(live, takeDelta(weights, Int32Array.from(rows), true), () => undefined, undo)
    }
    expect(live).toEqual(weights)
    expect([...undo.rows.keys()].sort((a, b) => a - b)).toEqual([1, 2, 9, 29])
    undoDelta(live, undo)
    expect(live).toEqual(start)
    expect(undo.rows.size).toBe(0)
  })

  it('refuses a delta of another dimension', () => {
    const { weights } = model(5)
    const other = initWeights(weights.itemIds, { buckets: 32, dim: 8 })
    expect(() => applyDelta(weights, takeDelta(other, Int32Array.from([0]), false), () => undefined)).toThrow(/dim 8, weights 4/)
  })
})
