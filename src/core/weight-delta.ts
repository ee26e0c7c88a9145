// A fine-tune round as a delta: the item rows it changed plus the small shared tables, so the
// worker posts, the page patches and the other tabs receive a few hundred rows, not the catalogue.
import type { ModelWeights } from './types'

export interface WeightsDelta {
  dim: number
  /** Changed row indices in the sender's item order, ascending. */
  rows: Int32Array
  /** The ids of those rows: a receiver whose catalogue is in another order (another tab) maps by id. */
  ids: string[]
  /** [rows x dim]: the rows' new item embeddings. */
  itemEmb: Float32Array
  /** [rows]: their new biases. */
  itemBias: Float32Array
  /** Dense and small (dim x dim, dim): always whole. */
  w: Float32Array
  userOffset: Float32Array
  /** Only when the round trained the token rows: then every item vector changes. */
  tokenEmb?: Float32Array
}

/** The delta of `rows` (ascending) of `weights`, in fresh arrays (safe to transfer). */
export function takeDelta(weights: ModelWeights, rows: Int32Array, tokensChanged: boolean): WeightsDelta {
  const { dim } = weights
  const itemEmb = new Float32Array(rows.length * dim)
  const itemBias = new Float32Array(rows.length)
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k]
    itemEmb.set(weights.itemEmb.subarray(r * dim, (r + 1) * dim), k * dim)
    itemBias[k] = weights.itemBias[r]
  }
  return {
    dim, rows: rows.slice(), ids: Array.from(rows, (r) => weights.itemIds[r]), itemEmb, itemBias,
    w: weights.w.slice(), userOffset: weights.userOffset.slice(), ...(tokensChanged && { tokenEmb: weights.tokenEmb.slice() }),
  }
}

/** The buffers of a delta, for postMessage's transfer list. */
export const deltaBuffers = (delta: WeightsDelta): ArrayBuffer[] =>
  [delta.rows, delta.itemEmb, delta.itemBias, delta.w, delta.userOffset, delta.tokenEmb]
    .filter((a) => a !== undefined)
    .map((a) => a.buffer as ArrayBuffer)

/**
 * What a patched table held before its first patch: the rows, once each, and the shared tables.
 * Lets the page patch its starting weights in place (one copy of each table) and still hand the
 * untouched start back on erase.
 */
export interface UndoLog {
  rows: Map<number, { emb: Float32Array; bias: number }>
  w?: Float32Array
  userOffset?: Float32Array
  tokenEmb?: Float32Array
}

export const createUndoLog = (): UndoLog => ({ rows: new Map() })

/**
 * Writes `delta` into `weights` in place and resolves with the patched rows in the receiver's order
 * (ascending). Rows are matched by id through `indexOf` when the sender's row does not hold the same
 * id here; ids unknown here are skipped. With `undo`, the values overwritten first are kept there.
 * With `itemRow`, the item rows go to it (row r here, row k of the delta) instead of into
 * `weights.itemEmb`: for a receiver that keeps the changed rows apart from its starting table.
 */
export function applyDelta(weights: ModelWeights, delta: WeightsDelta, indexOf: (id: string) => number | undefined, undo?: UndoLog, itemRow?: (r: number, k: number) => void): Int32Array {
  const { dim } = weights
  if (delta.dim !== dim) throw new Error(`applyDelta: dim ${delta.dim}, weights ${dim}: reload the weights`)
  const patched: number[] = []
  for (let k = 0; k < delta.rows.length; k++) {
    const id = delta.ids[k]
    const r = weights.itemIds[delta.rows[k]] === id ? delta.rows[k] : indexOf(id)
    if (r === undefined || r < 0) continue
    if (undo && !undo.rows.has(r)) undo.rows.set(r, { emb: weights.itemEmb.slice(r * dim, (r + 1) * dim), bias: weights.itemBias[r] })
    if (itemRow) itemRow(r, k)
    else weights.itemEmb.set(delta.itemEmb.subarray(k * dim, (k + 1) * dim), r * dim)
    weights.itemBias[r] = delta.itemBias[k]
    patched.push(r)
  }
  if (undo) {
    undo.w ??= weights.w.slice()
    undo.userOffset ??= weights.userOffset.slice()
    if (delta.tokenEmb) undo.tokenEmb ??= weights.tokenEmb.slice()
  }
  weights.w.set(delta.w)
  weights.userOffset.set(delta.userOffset)
  if (delta.tokenEmb) weights.tokenEmb.set(delta.tokenEmb)
  return Int32Array.from(patched).sort()
}

/** Puts back what `undo` recorded and empties it. */
export function undoDelta(weights: ModelWeights, undo: UndoLog): void {
  for (const [r, { emb, bias }] of undo.rows) {
    weights.itemEmb.set(emb, r * weights.dim)
    weights.itemBias[r] = bias
  }
  if (undo.w) weights.w.set(undo.w)
  if (undo.userOffset) weights.userOffset.set(undo.userOffset)
  if (undo.tokenEmb) weights.tokenEmb.set(undo.tokenEmb)
  Object.assign(undo, createUndoLog(), { w: undefined, userOffset: undefined, tokenEmb: undefined })
}
