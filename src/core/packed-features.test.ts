// The page's packed content features against the dense layout they come from: the same rows, the
// same item vectors bit for bit, the same scores up to float rounding and the same shelves.
import { describe, expect, it } from 'vitest'
import { scaleFixture } from '../app/scale-fixture.test-helper'
import { recommendShelf } from '../app/shelf-ranking'
import { contentProfile } from './content'
import { packFeaturesSteps, unpackFeatures } from './packed-features'
import { addProfileScores } from './postings'
import { buildQueryIndex, queryScores } from './query'
import { tokenCosine } from './recommend'
import { runSteps } from './steps'
import { itemVectors } from './vectors'

describe('packed content features', () => {
  const { rank, inputs, viewed, items } = scaleFixture(3000, { views: 6, seed: 5 })
  const dense = rank.features as Parameters<typeof unpackFeatures>[0] & { tokenIds: Int32Array }
  const packed = runSteps(packFeaturesSteps(rank.features as never))
  const history = viewed.map((id) => inputs.index.get(id)!)

  it('drop only the padding, and unpack to the dense layout exactly', () => {
    expect(packed.tokenIds).toBeInstanceOf(Uint16Array)
    const used = (dense.tokenWeights as Float32Array).filter((w) => w !== 0).length
    expect(packed.tokenWeights.length).toBe(used)
    expect(used).toBeLessThan(dense.tokenWeights.length) // real rows have fewer than maxTokens tokens
    const back = unpackFeatures(packed)
    expect(back.tokenIds).toEqual(dense.tokenIds)
    expect(back.tokenWeights).toEqual(dense.tokenWeights)
  })

  it('give the same item vectors, profiles and token cosines', () => {
    expect(itemVectors(rank.weights, packed)).toEqual(rank.vectors)
    expect(contentProfile(packed, history, [1, 2, 3, 4, 5, 6])).toEqual(contentProfile(dense, history, [1, 2, 3, 4, 5, 6]))
    for (const [a, b] of [[0, 1], [history[0], history[1]], [5, 5]]) expect(tokenCosine(packed, a, b)).toBe(tokenCosine(dense, a, b))
  })

  it('score content and queries as the postings do, and rank the same shelves', () => {
    const profile = contentProfile(dense, history, [1, 1, 1, 1, 1, 1])
    const a = addProfileScores(new Float32Array(rank.count), packed, profile, 0.5)
    const b = addProfileScores(new Float32Array(rank.count), dense, profile, 0.5)
    for (let i = 0; i < a.length; i++) expect(a[i]).toBeCloseTo(b[i], 5)
    const index = buildQueryIndex(items)
    const query = items[3].title!.split(' ').slice(0, 2).join(' ')
    const q1 = queryScores(index, packed, rank.count, query, { context: history, weights: [1, 1, 1, 1, 1, 1] })
    const q2 = queryScores(index, dense, rank.count, query, { context: history, weights: [1, 1, 1, 1, 1, 1] })
    expect(q2.some((s) => s > 0)).toBe(true)
    for (let i = 0; i < q1.length; i++) expect(q1[i]).toBeCloseTo(q2[i], 5)
    const packedInputs = { ...inputs, rank: { ...rank, features: packed } }
    for (const request of [{ placement: 'for-you', limit: 10 }, { placement: 'similar', limit: 10, item: viewed[0] }, { placement: 'cart', limit: 10 }]) {
      expect(recommendShelf(packedInputs, request).items.map((i) => i.id)).toEqual(recommendShelf(inputs, request).items.map((i) => i.id))
    }
  })
})
