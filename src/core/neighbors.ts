import type { Neighbors } from './types'

/**
 * Item-to-item scores from the shop model's sparse neighbour lists (the top entries of an EASE
 * item-item matrix fitted on the shop's order history): sum over history items h of
 * weight(h) * B[h, j]. Exact co-occurrence knowledge that a 32-dimensional embedding cannot hold.
 */
export function neighborScores(neighbors: Neighbors, count: number, context: ArrayLike<number>, weights: ArrayLike<number>): Float32Array {
  return addNeighborScores(new Float32Array(count), neighbors, context, weights, 1)
}

/** out[j] += scale * neighbour score of j, in place (no catalog-sized buffer of its own). */
export function addNeighborScores(out: Float32Array, neighbors: Neighbors, context: ArrayLike<number>, weights: ArrayLike<number>, scale: number): Float32Array {
  const { k, index, weight } = neighbors
  for (let h = 0; h < context.length; h++) {
    const base = context[h] * k
    const w = weights[h] * scale
    for (let n = base, end = base + k; n < end; n++) {
      const j = index[n]
      if (j < 0) break
      out[j] += w * weight[n]
    }
  }
  return out
}

/** The same scores for a few candidates only (training), without a catalog-sized buffer. */
export function neighborCandidateScores(
  neighbors: Neighbors,
  context: ArrayLike<number>,
  weights: ArrayLike<number>,
  candidates: ArrayLike<number>,
): Float32Array {
  const want = new Map<number, number>()
  for (let c = 0; c < candidates.length; c++) want.set(candidates[c], 0)
  const { k, index, weight } = neighbors
  for (let h = 0; h < context.length; h++) {
    const base = context[h] * k
    for (let n = base, end = base + k; n < end; n++) {
      const j = index[n]
      if (j < 0) break
      const s = want.get(j)
      if (s !== undefined) want.set(j, s + weights[h] * weight[n])
    }
  }
  return Float32Array.from(candidates, (c) => want.get(c)!)
}
