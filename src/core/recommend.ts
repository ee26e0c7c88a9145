import { contentProfile, type Profile } from './content'
import { encodeSequence } from './encoder'
import { addNeighborScores } from './neighbors'
import { addProfileScores, addTwoProfileScores } from './postings'
import { dotScan, inverseNorms } from './scan'
import type { HistoryContext } from './history'
import { diversify, topK } from './rank'
import { boostScores, mmr, pinFirst, topPerCategoryHead } from './rules'
import { rowFrom, rowTo } from './packed-features'
import type { FeatureRows, ModelWeights, Pick, PickWhy, ShelfSource } from './types'
import { rowCosine, userVector } from './vectors'

/** Everything a ranking needs, derived once per catalog/weights change. */
export interface RankState {
  count: number
  features: FeatureRows
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
  /** Business rules that reorder rather than filter (filters go through `excluded`). */
  order?: OrderRules
}

/** The ordering rules of a shelf, by catalog index (see ShelfRules for what each does). */
export interface OrderRules {
  pin?: number[]
  boost?: number[]
  bury?: number[]
  maxPerCategory?: number
  /** MMR knob, 0..1; 0 keeps the near-duplicate filter only. */
  diversity?: number
  categoryOf?: (index: number) => string | undefined
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

/**
 * Model scores of every item for a history: u . v + bias + gamma * tfidfCos + scale * neighbours.
 * One pass over the vectors; the content and co-purchase terms are sparse, added in place (a dense
 * pass over every item's token slots was most of a 100k-item ranking).
 */
export function personalScores(state: RankState, history: HistoryContext, also?: { out: Float32Array; profile: Profile }): Float32Array {
  const { weights, vectors, features } = state
  // The shop model's sequence encoder when it has one; else the weighted mean of the history times W.
  const user = weights.encoder && history.sequence?.items.length
    ? encodeSequence(weights.encoder, vectors, history.sequence.items, history.sequence.types)
    : userVector(weights, vectors, history.context, history.weights)
  const scores = dotScan(vectors, weights.dim, user, new Float32Array(state.count), weights.itemBias)
  const profile = contentProfile(features, history.context, history.weights)
  // `also`: another profile's content scores from the same pass (the "similar" shelf's anchor).
  if (also) addTwoProfileScores(scores, profile, state.contentWeight, also.out, also.profile, 1, features)
  else addProfileScores(scores, features, profile, state.contentWeight)
  const nb = weights.neighbors
  return nb ? addNeighborScores(scores, nb, history.context, history.neighborWeights ?? history.weights, nb.scale) : scores
}

/**
 * TF-IDF cosine of two items straight from their token rows (buckets are distinct within a row):
 * diversity compares thousands of pairs, and building a profile per pair was most of the cost.
 */
export function tokenCosine(features: FeatureRows, a: number, b: number): number {
  const { tokenIds, tokenWeights } = features
  const bFrom = rowFrom(features, b), bTo = rowTo(features, b)
  let s = 0
  for (let i = rowFrom(features, a), ie = rowTo(features, a); i < ie; i++) {
    const w = tokenWeights[i]
    if (w === 0) continue
    const t = tokenIds[i]
    for (let j = bFrom; j < bTo; j++) if (tokenIds[j] === t && tokenWeights[j] !== 0) { s += w * tokenWeights[j]; break }
  }
  return s
}

/** B[h, j] of the shop model's neighbour lists, 0 when j is not among h's neighbours. */
function neighborWeight(state: RankState, h: number, j: number): number {
  const nb = state.weights.neighbors
  if (!nb) return 0
  for (let n = h * nb.k, end = n + nb.k; n < end && nb.index[n] >= 0; n++) if (nb.index[n] === j) return nb.weight[n] * nb.scale
  return 0
}

/**
 * The history item that contributed most to a pick's score: its weight in the history times its
 * share of the score's terms (embedding cosine, content cosine, co-purchase weight). Every pick
 * of a non-empty history gets one, so every personal pick can say why it is there.
 */
export function pickReasons(state: RankState, ranked: number[], history: HistoryContext, why: PickWhy = 'history'): Pick[] {
  const nbWeights = history.neighborWeights ?? history.weights
  return ranked.map((index) => {
    let because: number | undefined
    let best = -Infinity
    history.context.forEach((h, k) => {
      const sim = history.weights[k] * (rowCosine(state.vectors, state.weights.dim, h, index) + tokenCosine(state.features, h, index)) + nbWeights[k] * neighborWeight(state, h, index)
      if (sim > best) { best = sim; because = h }
    })
    return because === undefined ? { index, score: 0 } : { index, score: 0, because, why }
  })
}

/** Applies the ordering rules to a ranking and keeps `limit` picks: boost/bury, diversity, category cap, pins. */
export function orderPicks(state: RankState, scores: Float32Array, request: RankRequest): { order: number[]; scores: Float32Array } {
  const rules = request.order ?? {}
  const boosted = boostScores(scores, rules.boost ?? [], rules.bury ?? [])
  const similarity = (a: number, b: number) => tokenCosine(state.features, a, b)
  const pins = (rules.pin ?? []).filter((i) => i >= 0 && i < state.count && !request.excluded(i))
  // Room for diversity to choose from. With a category cap the pool is the best few of every
  // category (one pass), so a shelf whose best items share a category still fills up.
  const pool = request.limit * (rules.maxPerCategory || rules.diversity ? 8 : 3)
  const capped = rules.categoryOf && rules.maxPerCategory
    ? topPerCategoryHead(boosted, pool, rules.maxPerCategory, rules.categoryOf, request.excluded)
    : topK(boosted, pool, request.excluded)
  const varied = rules.diversity
    ? mmr(capped, boosted, similarity, capped.length, rules.diversity)
    : diversify(capped, capped.length, similarity, NEAR_DUPLICATE)
  return { order: pinFirst(varied, pins, request.limit), scores: boosted }
}

function finish(state: RankState, scores: Float32Array, request: RankRequest, withReasons: boolean): Pick[] {
  const { order, scores: final } = orderPicks(state, scores, request)
  const picks = withReasons ? pickReasons(state, order, request.history) : order.map((index) => ({ index, score: 0 }))
  for (const p of picks) p.score = final[p.index]
  return picks
}

export function priorOf(state: RankState): Float32Array {
  return (state.prior ??= popularityPrior(state.popularity))
}

/** Trending: the popularity prior alone. */
export function rankTrending(state: RankState, request: RankRequest): RankResult {
  const scores = priorOf(state) // read only: finish() never writes to the scores
  return { picks: popular(finish(state, scores, request, false)), source: 'popular' }
}

const popular = (picks: Pick[]): Pick[] => picks.map((p) => ({ ...p, why: 'popular' }))

/**
 * A new shopper's "for you": the best seller of each category in turn (categories ordered by
 * their best seller), so it is a varied sampler rather than a copy of the trending shelf.
 * Without categories it falls back to maximal marginal relevance on content.
 */
export function rankCategoryLeaders(state: RankState, request: RankRequest): RankResult {
  const scores = priorOf(state)
  const categoryOf = request.order?.categoryOf
  if (!categoryOf) return { picks: popular(finish(state, scores, { ...request, order: { ...request.order, diversity: 0.7 } }, false)), source: 'popular' }
  const ranked = topK(scores, request.limit * 20, request.excluded)
  const queues = new Map<string, number[]>()
  for (const i of ranked) {
    const c = (categoryOf(i) ?? '').toLowerCase()
    const q = queues.get(c)
    if (q) q.push(i)
    else queues.set(c, [i])
  }
  const order: number[] = []
  for (let round = 0; order.length < ranked.length; round++) {
    for (const q of queues.values()) if (round < q.length) order.push(q[round])
  }
  const picks = pinFirst(order, (request.order?.pin ?? []).filter((i) => !request.excluded(i)), request.limit)
  return { picks: picks.map((index) => ({ index, score: scores[index], why: 'popular' })), source: 'popular' }
}

/** For you: the model's scores for the shopper's history; popularity when there is no history. */
export function rankForYou(state: RankState, request: RankRequest): RankResult {
  if (request.history.context.length === 0) return rankCategoryLeaders(state, request)
  const scores = addScaled(personalScores(state, request.history), priorOf(state), POPULARITY_TIE_BREAK)
  return { picks: finish(state, scores, request, true), source: state.personal ? 'personal' : 'content' }
}

/** Similar to one item: embedding + TF-IDF cosine to the anchor, nudged by the shopper's taste. */
export function rankSimilar(state: RankState, request: RankRequest): RankResult {
  const anchor = request.item
  if (anchor === undefined) return rankTrending(state, request)
  const { vectors, weights, features, count } = state
  const dim = weights.dim
  // Cosine to the anchor: the anchor's unit vector dotted with each row, times the row's 1/norm.
  const inverse = inverseNorms(vectors, dim)
  const unit = vectors.slice(anchor * dim, anchor * dim + dim).map((x) => x * inverse[anchor])
  const scores = dotScan(vectors, dim, unit, new Float32Array(count))
  for (let j = 0; j < count; j++) scores[j] *= inverse[j]
  const personal = request.history.context.length > 0
  const anchorProfile = contentProfile(features, [anchor], [1])
  const anchorContent = new Float32Array(count)
  if (personal) {
    const taste = personalScores(state, request.history, { out: anchorContent, profile: anchorProfile })
    // Rescale taste to the cosine range so the weight means the same for any model scale.
    let max = 1e-9
    for (let j = 0; j < count; j++) max = Math.max(max, Math.abs(taste[j]))
    addScaled(scores, taste, SIMILAR_PERSONAL_WEIGHT / max)
  } else addProfileScores(anchorContent, features, anchorProfile)
  addScaled(scores, anchorContent, 1)
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
