// The fast scan (src/core/scan.ts, src/core/postings.ts) against the straightforward formulas it
// replaced, on a seeded synthetic shop: the same scores (up to float rounding) and the same shelves.
import { describe, expect, it } from 'vitest'
import { contentProfile, denseProfile } from '../core/content'
import { tokenBucket } from '../core/features'
import { buildQueryIndex, matchWord, queryScores } from '../core/query'
import { historyContext } from '../core/history'
import { rankCart } from '../core/placements'
import { addProfileScores } from '../core/postings'
import { orderPicks, personalScores, priorOf, rankSimilar, type RankState } from '../core/recommend'
import { dotScan, inverseNorms } from '../core/scan'
import type { InteractionEvent } from '../core/types'
import { rowCosine, userVector } from '../core/vectors'
import { scaleFixture } from './scale-fixture.test-helper'

/** The dense TF-IDF cosine of a profile with every item: every token slot of every item. */
function denseContent(state: RankState, items: number[], weights: number[]): Float64Array {
  const { features } = state
  const profile = contentProfile(features, items, weights)
  const out = new Float64Array(state.count)
  for (let i = 0; i < state.count; i++) {
    for (let t = i * features.maxTokens; t < (i + 1) * features.maxTokens; t++) out[i] += features.tokenWeights[t] * (profile.get(features.tokenIds[t]) ?? 0)
  }
  return out
}

/** personalScores as it was written before the scan: one fused loop per item, neighbours after. */
function naivePersonal(state: RankState, history: ReturnType<typeof historyContext>): Float32Array {
  const { weights, vectors, count } = state
  const user = userVector(weights, vectors, history.context, history.weights)
  const content = denseContent(state, history.context, history.weights)
  const out = new Float32Array(count)
  for (let i = 0; i < count; i++) {
    let s = weights.itemBias[i] + state.contentWeight * content[i]
    for (let d = 0; d < weights.dim; d++) s += user[d] * vectors[i * weights.dim + d]
    out[i] = s
  }
  const nb = weights.neighbors!
  history.context.forEach((h, k) => {
    for (let n = h * nb.k; n < (h + 1) * nb.k && nb.index[n] >= 0; n++) out[nb.index[n]] += nb.scale * history.neighborWeights![k] * nb.weight[n]
  })
  return out
}

const closeTo = (actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance = 1e-5) => {
  expect(actual.length).toBe(expected.length)
  let worst = 0
  for (let i = 0; i < actual.length; i++) worst = Math.max(worst, Math.abs(actual[i] - expected[i]))
  expect(worst).toBeLessThan(tolerance)
}

// 3,000 items with dim 30 (the kernels' tail loops), and the budget's 100,000 items.
describe.each([[3000, 30], [100_000, 32]])('the ranking scan at %i items', (size, dimension) => {
  const { rank: state, inputs, viewed } = scaleFixture(size, { dim: dimension, views: 6, seed: 11 })
  const indexOf = (id: string) => inputs.index.get(id)
  const events: InteractionEvent[] = viewed.map((item, k) => ({ type: k % 3 ? 'view' : 'purchase', item, ts: k }))
  const history = historyContext(events, indexOf)
  const { dim } = state.weights
  it('dot products and inverse norms equal the plain loops', () => {
    const q = Float32Array.from({ length: dim }, (_, d) => Math.cos(d))
    const plain = Float32Array.from({ length: state.count }, (_, i) => state.weights.itemBias[i] + q.reduce((s, x, d) => s + x * state.vectors[i * dim + d], 0))
    closeTo(dotScan(state.vectors, dim, q, new Float32Array(state.count), state.weights.itemBias), plain)
    const inverse = inverseNorms(state.vectors, dim)
    expect(inverseNorms(state.vectors, dim)).toBe(inverse) // cached per vectors array
    closeTo(Float32Array.from(inverse, (x, i) => x * Math.hypot(...state.vectors.subarray(i * dim, i * dim + dim))), new Float32Array(state.count).fill(1))
  })

  it('the content term through the postings equals the dense pass over every token slot', () => {
    const dense = denseContent(state, history.context, history.weights)
    const sparse = addProfileScores(new Float32Array(state.count), state.features, contentProfile(state.features, history.context, history.weights))
    closeTo(sparse, dense)
    expect(sparse.filter((s) => s > 0).length).toBeGreaterThan(0)
  })

  it('personal scores equal the fused per-item loop', () => {
    closeTo(personalScores(state, history), naivePersonal(state, history))
  })

  it('a similar shelf and a cart shelf pick what the straightforward scores pick', () => {
    const anchor = history.context[0]
    const excluded = (i: number) => i === anchor || history.context.includes(i)
    const request = { placement: 'similar', limit: 10, item: anchor, history, excluded }
    // The pre-scan formula: per-item cosine, dense content cosine, taste rescaled, popularity tie-break.
    const taste = naivePersonal(state, history)
    const max = taste.reduce((m, t) => Math.max(m, Math.abs(t)), 1e-9)
    const content = denseContent(state, [anchor], [1])
    const prior = priorOf(state)
    const reference = Float32Array.from({ length: state.count }, (_, j) => rowCosine(state.vectors, dim, anchor, j) + content[j] + (0.3 * taste[j]) / max + 1e-3 * prior[j])
    const similar = rankSimilar(state, request).picks.map((p) => p.index)
    const similarRequest = { ...request, history: { context: [anchor], weights: [1] } }
    expect(similar).toEqual(orderPicks(state, reference, similarRequest).order)

    const cart = history.context.slice(0, 2)
    const cartRef = new Float32Array(state.count)
    const nb = state.weights.neighbors!
    for (const c of cart) for (let n = c * nb.k; n < (c + 1) * nb.k && nb.index[n] >= 0; n++) cartRef[nb.index[n]] += nb.scale * 0.5 * nb.weight[n]
    for (let j = 0; j < state.count; j++) cartRef[j] += 0.5 * 0.5 * (rowCosine(state.vectors, dim, cart[0], j) + rowCosine(state.vectors, dim, cart[1], j)) + 1e-3 * prior[j]
    const inCart = (i: number) => cart.includes(i)
    const picks = rankCart(state, { placement: 'cart', limit: 10, history, cart, excluded: () => false }).picks.map((p) => p.index)
    expect(picks).toEqual(orderPicks(state, cartRef, { placement: 'cart', limit: 10, history, excluded: inCart }).order)
  })

  it('query scores through the postings equal the dense pass per word and item', () => {
    const index = buildQueryIndex(inputs.items)
    const { features } = state
    const words = inputs.items.title(5)!.split(' ').slice(0, 2).concat(inputs.items.title(9)!.split(' ')[1])
    // The pre-postings formula: per word a dense bucket table, per item its TF-IDF match.
    const tables = words.map((w) => {
      const table = new Float32Array(features.buckets)
      for (const [token, sure] of matchWord(index, w)) table[tokenBucket(token, features.buckets)] = Math.max(table[tokenBucket(token, features.buckets)], sure)
      return table
    })
    const taste = denseProfile(features, contentProfile(features, history.context, history.weights), 0.2)
    const reference = new Float32Array(state.count)
    for (let i = 0; i < state.count; i++) {
      let matched = 0, weight = 0, t = 0
      for (const table of tables) {
        let s = 0
        for (let k = i * features.maxTokens; k < (i + 1) * features.maxTokens; k++) s += features.tokenWeights[k] * table[features.tokenIds[k]]
        if (s > 0) { matched++; weight += Math.min(1, s) }
      }
      if (!matched) continue
      for (let k = i * features.maxTokens; k < (i + 1) * features.maxTokens; k++) t += features.tokenWeights[k] * taste[features.tokenIds[k]]
      reference[i] = (2 * matched + weight) / tables.length + t
    }
    const scores = queryScores(index, features, state.count, words.join(' '), history)
    closeTo(scores, reference)
    expect(scores.filter((x) => x > 0).length).toBeGreaterThan(10)
  })
})
