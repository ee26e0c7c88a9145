import { DEFAULT_CHUNK, loopSteps, runSteps, type Steps } from './steps'
import { rowFrom, rowTo } from './packed-features'
import type { FeatureRows, ModelWeights } from './types'

/** Every item's vector: its learned row plus its TF-IDF mix of token rows. [items x dim], row-major. */
export function itemVectors(weights: ModelWeights, features: FeatureRows): Float32Array {
  return runSteps(itemVectorSteps(weights, features))
}

/** itemVectors in slices of at most `chunk` items (see steps.ts). */
export function* itemVectorSteps(weights: ModelWeights, features: FeatureRows, chunk = DEFAULT_CHUNK * 4): Steps<Float32Array> {
  const out = new Float32Array(weights.itemIds.length * weights.dim)
  yield* loopSteps(weights.itemIds.length, chunk, (i) => itemVector(out, weights, features, i))
  return out
}

/**
 * Recomputes, in place, the vectors of `rows` only: the result equals a full `itemVectors` as long
 * as nothing else changed. An item's vector reads its own item row and the token rows, never W,
 * the offset or the biases; so after a fine-tune that froze the token rows (the on-device one does)
 * the rows it changed are exactly the vectors to redo. New token rows change every item that uses
 * them: recompute them all with `itemVectors` then.
 */
export function updateItemVectors(vectors: Float32Array, weights: ModelWeights, features: FeatureRows, rows: ArrayLike<number>): void {
  for (let k = 0; k < rows.length; k++) itemVector(vectors, weights, features, rows[k])
}

/** The vectors of `rows` only, packed [rows.length x dim] in that order: what a step over a few items reads. */
export function itemVectorRows(weights: ModelWeights, features: FeatureRows, rows: ArrayLike<number>): Float32Array {
  const out = new Float32Array(rows.length * weights.dim)
  for (let k = 0; k < rows.length; k++) itemVector(out, weights, features, rows[k], k)
  return out
}

/** Writes item i's vector into row `outRow` (default i) of `out`. */
function itemVector(out: Float32Array, weights: ModelWeights, features: FeatureRows, i: number, outRow = i): void {
  // An empty table stands for rows of zeros (the content-only start, as the page keeps it).
  itemVectorFrom(out, weights, features, i, weights.itemEmb.length ? weights.itemEmb : undefined, i * weights.dim, outRow)
}

/**
 * Item i's vector from an item row held anywhere: `row` from offset `at`, or zeros without one,
 * written into row `outRow` (default i) of `out`. For a page that keeps the rows a fine-tune
 * changed apart from its starting table.
 */
export function itemVectorFrom(out: Float32Array, weights: ModelWeights, features: FeatureRows, i: number, row: Float32Array | undefined, at: number, outRow = i): void {
  const { dim, tokenEmb } = weights
  const { tokenIds, tokenWeights } = features
  const o = outRow * dim
  // Accumulated in the same order as ever (row, then tokens), so a partial update is bit-identical.
  for (let d = 0; d < dim; d++) out[o + d] = row ? row[at + d] : 0
  for (let t = rowFrom(features, i), end = rowTo(features, i); t < end; t++) {
    const w = tokenWeights[t]
    if (w === 0) continue
    const r = tokenIds[t] * dim
    for (let d = 0; d < dim; d++) out[o + d] += w * tokenEmb[r + d]
  }
}

/** The user vector: recency-weighted mean of history item vectors, times W, plus the on-device offset. */
export function userVector(weights: ModelWeights, vectors: Float32Array, context: number[], contextWeights: number[]): Float32Array {
  const { dim, w, userOffset } = weights
  const h = new Float32Array(dim)
  for (let k = 0; k < context.length; k++) {
    const o = context[k] * dim
    for (let d = 0; d < dim; d++) h[d] += contextWeights[k] * vectors[o + d]
  }
  const out = userOffset.slice()
  for (let i = 0; i < dim; i++) {
    const hi = h[i]
    if (hi === 0) continue
    for (let d = 0; d < dim; d++) out[d] += hi * w[i * dim + d]
  }
  return out
}

/** Dot product of `query` with every row of `vectors`, plus an optional per-row bias. */
export function scoreAll(vectors: Float32Array, dim: number, query: Float32Array, bias?: Float32Array): Float32Array {
  const n = vectors.length / dim
  const out = new Float32Array(n)
  for (let i = 0; i < n; i++) {
    let s = bias ? bias[i] : 0
    const o = i * dim
    for (let d = 0; d < dim; d++) s += query[d] * vectors[o + d]
    out[i] = s
  }
  return out
}

/** Cosine of two rows of `vectors`. */
export function rowCosine(vectors: Float32Array, dim: number, a: number, b: number): number {
  let ab = 0, aa = 0, bb = 0
  for (let d = 0; d < dim; d++) {
    const x = vectors[a * dim + d], y = vectors[b * dim + d]
    ab += x * y; aa += x * x; bb += y * y
  }
  return aa > 0 && bb > 0 ? ab / Math.sqrt(aa * bb) : 0
}
