import { contentProfile, profileScores } from './content'
import type { HistoryContext } from './history'
import { addNeighborScores } from './neighbors'
import { dotScan, inverseNorms } from './scan'
import { orderPicks, pickReasons, priorOf, rankForYou, rankSimilar, rankTrending, type RankRequest, type RankResult, type RankState } from './recommend'

// The placements beyond for-you / similar / trending, and the one dispatcher the widget ranks with.

/** What a placement needs beside the common request. */
export interface PlacementRequest extends RankRequest {
  /** Cart item indices (the cart shelf), most recently added first. */
  cart?: number[]
  /** Recently viewed item indices (the recent shelf), newest first. */
  recent?: number[]
  /** The need shelf's query scores per item (core/query's queryScores; 0 = no match). */
  queryScores?: Float32Array
}

// Tie-break as in recommend.ts: popularity only orders equally relevant items.
const POPULARITY_TIE_BREAK = 1e-3
// The learned vectors beside the shop's co-purchase lists: the lists know what is bought together,
// the vectors generalise to items the lists do not reach (new products, no shop model).
const CART_VECTOR_WEIGHT = 0.5

/**
 * "Goes with your cart": the shop model's co-purchase scores of the cart items plus the mean
 * embedding cosine to them, never an item already in the cart. Each pick names the cart item
 * that contributed most.
 */
export function rankCart(state: RankState, request: PlacementRequest): RankResult {
  const cart = request.cart ?? []
  if (!cart.length) return rankTrending(state, request)
  const { count, vectors, weights } = state
  const w = cart.map(() => 1 / cart.length)
  const nb = weights.neighbors
  const scores = nb ? addNeighborScores(new Float32Array(count), nb, cart, w, nb.scale) : profileScores(state.features, contentProfile(state.features, cart, w), count)
  // The mean cosine to the cart items as one pass: the mean of their unit vectors, dotted with
  // each item's unit vector (a cosine per cart item and item was most of a 100k-item ranking).
  const { dim } = weights
  const inverse = inverseNorms(vectors, dim)
  const mean = new Float32Array(dim)
  for (const c of cart) for (let d = 0; d < dim; d++) mean[d] += (vectors[c * dim + d] * inverse[c]) / cart.length
  const cosine = dotScan(vectors, dim, mean, new Float32Array(count))
  const prior = priorOf(state)
  for (let j = 0; j < count; j++) scores[j] += CART_VECTOR_WEIGHT * cosine[j] * inverse[j] + POPULARITY_TIE_BREAK * prior[j]
  const inCart = new Set(cart)
  const excluded = (i: number) => inCart.has(i) || request.excluded(i)
  const { order, scores: final } = orderPicks(state, scores, { ...request, excluded })
  const history: HistoryContext = { context: cart, weights: w, neighborWeights: w }
  const picks = pickReasons(state, order, history, 'cart')
  for (const p of picks) p.score = final[p.index]
  return { picks, source: state.personal ? 'personal' : 'content' }
}

/** "Recently viewed": the list as given (newest first), after the filters; no ranking. */
export function rankRecent(_state: RankState, request: PlacementRequest): RankResult {
  const recent = (request.recent ?? []).filter((i) => i !== request.item && !request.excluded(i)).slice(0, request.limit)
  return { picks: recent.map((index, k) => ({ index, score: recent.length - k, why: 'recent' })), source: 'personal' }
}

/**
 * "Tell us what you need": the query matched against the catalog's content (typo- and
 * plural-tolerant), leaning towards the shopper's taste. Only matching items are shown.
 */
export function rankNeed(state: RankState, request: PlacementRequest): RankResult {
  const scores = request.queryScores
  if (!scores) return { picks: [], source: 'content' }
  const excluded = (i: number) => scores[i] <= 0 || request.excluded(i)
  const { order, scores: final } = orderPicks(state, scores, { ...request, excluded })
  return { picks: order.map((index) => ({ index, score: final[index], why: 'query' })), source: request.history.context.length ? 'personal' : 'content' }
}

/** Ranks any placement; unknown placements get "for you". */
export function rankPlacement(state: RankState, request: PlacementRequest): RankResult {
  switch (request.placement) {
    case 'trending': return rankTrending(state, request)
    case 'similar': return request.item === undefined ? rankForYou(state, request) : rankSimilar(state, request)
    case 'cart': return rankCart(state, request)
    case 'recent': return rankRecent(state, request)
    case 'need': return rankNeed(state, request)
    default: return rankForYou(state, request)
  }
}
