import { contentProfile, denseProfile, itemCosine, profileScores } from './content'
import { encodeSequence } from './encoder'
import { neighborScores } from './neighbors'
import type { HistoryContext } from './history'
import { diversify, topK } from './rank'
import type { ContentFeatures, ModelWeights, Pick, ShelfSource } from './types'
import { rowCosine, userVector } from './vectors'

/** Everything a ranking needs, derived once per catalog/weights change. */
export interface RankState {
  count: number
  features: ContentFeatures
  weights: ModelWeights
  /** itemVectors(weights, features), cached by the caller. */
  vectors: Float32Array
  /** True when the weights were fine-tuned on this device (the order is then "personal"). */
  personal: boolean
  /** Per-item prior, higher is more popular; any scale. */
  popularity: Float32Array
  /** popularityPrior(popularity), filled on first use. */
  prior?: Float32Array
  /** Weight of the exact TF-IDF cosine beside the embedding score (the same gamma the trainer uses). */
  contentWeight: number
}

export interface RankRequest {
  placement: string
  limit: number
  history: HistoryContext
  /** The anchor item of a "similar" shelf. */
  item?: number
  excluded: (index: number) => boolean
}

export interface RankResult {
  picks: Pick[]
  source: ShelfSource
}

// Popularity only breaks ties among equally relevant items: small enough never to outvote relevance.
const POPULARITY_TIE_BREAK = 1e-3
// How much the shopper's taste reorders a "similar" shelf: enough to prefer their style among
// look-alikes, not enough to drift away from the product on the page.
const SIMILAR_PERSONAL_WEIGHT = 0.3
// Items whose TF-IDF vectors are this close are near-duplicates (same product, other colour).
const NEAR_DUPLICATE = 0.9

/** Popularity rescaled to [0, 1] on a log scale. */
export function popularityPrior(popularity: Float32Array): Float32Array {
  let max = 0
  for (const p of popularity) if (p > max) max = p
  const out = new Float32Array(popularity.length)
  if (max <= 0) return out
  const denom = Math.log1p(max)
  for (let i = 0; i < popularity.length; i++) out[i] = Math.log1p(Math.max(0, popularity[i])) / denom
  return out
}

function addScaled(target: Float32Array, source: Float32Array, scale: number): Float32Array {
  for (let i = 0; i < target.length; i++) target[i] += scale * source[i]
  return target
}

/** Model scores of every item for a history: u . v + bias + gamma * tfidfCos + scale * neighbours. */
export function personalScores(state: RankState, history: HistoryContext): Float32Array {
  const { weights, vectors, features, count } = state
  const { dim, itemBias } = weights
  // The shop model's sequence encoder when it has one; else the weighted mean of the history times W.
  const user = weights.encoder && history.sequence?.items.length
    ? encodeSequence(weights.encoder, vectors, history.sequence.items, history.sequence.types)
    : userVector(weights, vectors, history.context, history.weights)
  // The TF-IDF profile as a dense table, and one fused pass over the catalog for the embedding
  // and content terms: separate passes missed the one-frame budget at 100k items.
  const profile = denseProfile(features, contentProfile(features, history.context, history.weights), state.contentWeight)
  const { maxTokens, tokenIds, tokenWeights } = features
  const scores = new Float32Array(count)
  for (let i = 0; i < count; i++) {
    let s = itemBias[i]
    for (let d = 0, o = i * dim; d < dim; d++) s += user[d] * vectors[o + d]
    for (let t = i * maxTokens, end = t + maxTokens; t < end; t++) s += tokenWeights[t] * profile[tokenIds[t]]
    scores[i] = s
  }
  const nb = weights.neighbors
  return nb ? addScaled(scores, neighborScores(nb, count, history.context, history.neighborWeights ?? history.weights), nb.scale) : scores
}

function pickReasons(state: RankState, ranked: number[], history: HistoryContext): Pick[] {
  return ranked.map((index) => {
    let because: number | undefined
    let best = 0.05 // below this, no history item explains the pick well enough to say so
    for (const h of history.context) {
      const sim = rowCosine(state.vectors, state.weights.dim, h, index) + itemCosine(state.features, h, index)
      if (sim > best) { best = sim; because = h }
    }
    return { index, score: 0, because }
  })
}

function finish(state: RankState, scores: Float32Array, request: RankRequest, withReasons: boolean): Pick[] {
  const candidates = topK(scores, request.limit * 3, request.excluded)
  const diverse = diversify(candidates, request.limit, (a, b) => itemCosine(state.features, a, b), NEAR_DUPLICATE)
  const picks = withReasons ? pickReasons(state, diverse, request.history) : diverse.map((index) => ({ index, score: 0 }))
  for (const p of picks) p.score = scores[p.index]
  return picks
}

function priorOf(state: RankState): Float32Array {
  return (state.prior ??= popularityPrior(state.popularity))
}

/** Trending: the popularity prior alone. */
export function rankTrending(state: RankState, request: RankRequest): RankResult {
  const scores = priorOf(state) // read only: finish() never writes to the scores
  return { picks: finish(state, scores, request, false), source: 'popular' }
}

/** For you: the model's scores for the shopper's history; popularity when there is no history. */
export function rankForYou(state: RankState, request: RankRequest): RankResult {
  if (request.history.context.length === 0) return rankTrending(state, request)
  const scores = addScaled(personalScores(state, request.history), priorOf(state), POPULARITY_TIE_BREAK)
  return { picks: finish(state, scores, request, true), source: state.personal ? 'personal' : 'content' }
}

/** Similar to one item: embedding + TF-IDF cosine to the anchor, nudged by the shopper's taste. */
export function rankSimilar(state: RankState, request: RankRequest): RankResult {
  const anchor = request.item
  if (anchor === undefined) return rankTrending(state, request)
  const { vectors, weights, features, count } = state
  const dim = weights.dim
  const scores = new Float32Array(count)
  for (let j = 0; j < count; j++) scores[j] = rowCosine(vectors, dim, anchor, j)
  addScaled(scores, profileScores(features, contentProfile(features, [anchor], [1]), count), 1)
  const personal = request.history.context.length > 0
  if (personal) {
    const taste = personalScores(state, request.history)
    // Rescale taste to the cosine range so the weight means the same for any model scale.
    let max = 1e-9
    for (const t of taste) max = Math.max(max, Math.abs(t))
    addScaled(scores, taste, SIMILAR_PERSONAL_WEIGHT / max)
  }
  addScaled(scores, priorOf(state), POPULARITY_TIE_BREAK)
  const excluded = (i: number) => i === anchor || request.excluded(i)
  const picks = finish(state, scores, { ...request, excluded, history: { context: [anchor], weights: [1] } }, false)
  return { picks, source: personal && state.personal ? 'personal' : 'content' }
}

/** Dispatches a placement to its ranking; unknown placements get "for you". */
export function rankShelf(state: RankState, request: RankRequest): RankResult {
  switch (request.placement) {
    case 'trending': return rankTrending(state, request)
    case 'similar': return rankSimilar(state, request)
    default: return rankForYou(state, request)
  }
}
