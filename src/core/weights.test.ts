import { describe, expect, it } from 'vitest'
import { createRandom } from './random'
import { runSteps } from './steps'
import type { ModelWeights } from './types'
import { initWeights, remapWeights, remapWeightsSteps } from './weights'

function model(n: number, k: number): ModelWeights {
  const random = createRandom(7)
  const weights = initWeights(Array.from({ length: n }, (_, i) => `p${i}`), { buckets: 16, dim: 4 })
  for (let i = 0; i < weights.itemEmb.length; i++) weights.itemEmb[i] = random()
  for (let i = 0; i < n; i++) weights.itemBias[i] = random()
  const index = new Int32Array(n * k).fill(-1)
  const weight = new Float32Array(n * k)
  for (let i = 0; i < n; i++) for (let s = 0; s < k - 1; s++) {
    index[i * k + s] = (i + 1 + s * 7) % n
    weight[i * k + s] = random()
  }
  return { ...weights, neighbors: { k, index, weight, scale: 2 } }
}

describe('remapWeightsSteps', () => {
  // A reversed catalogue with every third item gone and new ones in their place.
  const weights = model(1000, 4)
  const ids = weights.itemIds.map((id, i) => (i % 3 === 0 ? `new${i}` : id)).reverse()

  it('hands the page many slices, not one task', () => {
    const steps = remapWeightsSteps(weights, ids, 64)
    let slices = 0
    for (let next = steps.next(); !next.done; next = steps.next()) slices++
    // Old ids, new rows (1000 / 64 each) and neighbour lists (1000 / 8).
    expect(slices).toBeGreaterThanOrEqual(16 + 16 + 125)
  })

  it('gives what the one-shot remap gives, rows and neighbours following their ids', () => {
    const sliced = runSteps(remapWeightsSteps(weights, ids, 64))
    const once = remapWeights(weights, ids)
    expect(sliced.itemEmb).toEqual(once.itemEmb)
    expect(sliced.neighbors).toEqual(once.neighbors)
    const row = new Map(ids.map((id, i) => [id, i]))
    for (const [i, id] of ids.entries()) {
      const j = weights.itemIds.indexOf(id)
      if (j < 0) {
        expect(sliced.itemBias[i]).toBe(0)
        expect([...sliced.neighbors!.index.subarray(i * 4, i * 4 + 4)]).toEqual([-1, -1, -1, -1])
        continue
      }
      expect(sliced.itemBias[i]).toBe(weights.itemBias[j])
      expect([...sliced.itemEmb.subarray(i * 4, i * 4 + 4)]).toEqual([...weights.itemEmb.subarray(j * 4, j * 4 + 4)])
      // The neighbours still in the catalogue, in their order, at their new rows.
      const kept = [...weights.neighbors!.index.subarray(j * 4, j * 4 + 4)].filter((n) => n >= 0 && row.has(weights.itemIds[n])).map((n) => row.get(weights.itemIds[n])!)
      expect([...sliced.neighbors!.index.subarray(i * 4, i * 4 + kept.length)]).toEqual(kept)
    }
  })

  it('returns the same weights, without a slice, when the catalogue is unchanged', () => {
    const steps = remapWeightsSteps(weights, [...weights.itemIds])
    const first = steps.next()
    expect(first.done).toBe(true)
    expect(first.value).toBe(weights)
  })
})
