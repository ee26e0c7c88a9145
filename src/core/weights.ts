import { cloneEncoder } from './encoder'
import { createRandom } from './random'
import { DEFAULT_CHUNK, loopSteps, runSteps, type Steps } from './steps'
import type { ModelWeights, Neighbors } from './types'

export interface InitOptions {
  /** Embedding size. 32 keeps a 10k-item model under 1 MB quantised and a 100k-item ranking under a frame. */
  dim?: number
  buckets: number
  seed?: number
}

export const DEFAULT_DIM = 32

/**
 * Fresh weights for a shop without a shop model: token embeddings are a seeded random projection
 * (so content alone already places similar items near each other, identically in every thread),
 * item embeddings and biases start at zero, W is the identity.
 */
export function initWeights(itemIds: string[], options: InitOptions): ModelWeights {
  const dim = options.dim ?? DEFAULT_DIM
  const random = createRandom(options.seed ?? 1)
  const tokenEmb = new Float32Array(options.buckets * dim)
  // Scale 1/sqrt(dim): an item vector (unit TF-IDF mix of rows) then has norm ~1.
  const scale = 1 / Math.sqrt(dim)
  for (let i = 0; i < tokenEmb.length; i++) tokenEmb[i] = (random() * 2 - 1) * Math.sqrt(3) * scale
  const w = new Float32Array(dim * dim)
  for (let d = 0; d < dim; d++) w[d * dim + d] = 1
  return {
    dim,
    buckets: options.buckets,
    itemIds: [...itemIds],
    tokenEmb,
    itemEmb: new Float32Array(itemIds.length * dim),
    itemBias: new Float32Array(itemIds.length),
    w,
    userOffset: new Float32Array(dim),
  }
}

/**
 * Re-indexes item rows for a catalog whose ids or order changed: known ids keep their learned row,
 * new ids start at zero (their content tokens still place them).
 */
export function remapWeights(weights: ModelWeights, itemIds: string[]): ModelWeights {
  return runSteps(remapWeightsSteps(weights, itemIds))
}

/**
 * `remapWeights` in slices of `chunk` items (src/core/steps.ts): the page remaps a shop model to
 * its catalogue during start-up, and at 10k items the one-shot remap (two id maps, the rows, the
 * neighbour lists) was one 5-30 ms task.
 */
export function* remapWeightsSteps(weights: ModelWeights, itemIds: string[], chunk = DEFAULT_CHUNK * 8): Steps<ModelWeights> {
  const same = weights.itemIds.length === itemIds.length && weights.itemIds.every((id, i) => id === itemIds[i])
  if (same) return weights
  const { dim } = weights
  const oldRow = new Map<string, number>()
  yield* loopSteps(weights.itemIds.length, chunk, (j) => oldRow.set(weights.itemIds[j], j))
  const itemEmb = new Float32Array(itemIds.length * dim)
  const itemBias = new Float32Array(itemIds.length)
  // Old row of each new row (-1: a new item), read again by the neighbour lists.
  const from = new Int32Array(itemIds.length).fill(-1)
  yield* loopSteps(itemIds.length, chunk, (i) => {
    const j = oldRow.get(itemIds[i])
    if (j === undefined) return
    from[i] = j
    itemEmb.set(weights.itemEmb.subarray(j * dim, (j + 1) * dim), i * dim)
    itemBias[i] = weights.itemBias[j]
  })
  const neighbors = weights.neighbors && (yield* remapNeighborSteps(weights.neighbors, from, chunk))
  return { ...weights, itemIds: [...itemIds], itemEmb, itemBias, neighbors }
}

/** Neighbour lists follow their items to the new rows (`from`: old row per new row); neighbours no longer in the catalog drop out. */
function* remapNeighborSteps(nb: Neighbors, from: Int32Array, chunk: number): Steps<Neighbors> {
  // Old row -> new row (-1: gone), one lookup per item rather than a string lookup per neighbour
  // slot (320,000 of them for a 10k-item model with 32 neighbours each).
  const moved = new Int32Array(nb.index.length / nb.k).fill(-1)
  for (let i = 0; i < from.length; i++) if (from[i] >= 0) moved[from[i]] = i
  const index = new Int32Array(from.length * nb.k).fill(-1)
  const weight = new Float32Array(from.length * nb.k)
  yield* loopSteps(from.length, Math.max(1, chunk >> 3), (i) => {
    const j = from[i]
    if (j < 0) return
    let slot = i * nb.k
    for (let n = j * nb.k; n < (j + 1) * nb.k && nb.index[n] >= 0; n++) {
      const to = moved[nb.index[n]]
      if (to < 0) continue
      index[slot] = to
      weight[slot++] = nb.weight[n]
    }
  })
  return { ...nb, index, weight }
}

/** Deep copy, so a worker's in-place updates never race a ranking on the old arrays. */
export function cloneWeights(weights: ModelWeights): ModelWeights {
  return {
    ...weights,
    itemIds: weights.itemIds,
    tokenEmb: weights.tokenEmb.slice(),
    itemEmb: weights.itemEmb.slice(),
    itemBias: weights.itemBias.slice(),
    w: weights.w.slice(),
    userOffset: weights.userOffset.slice(),
    // Neighbours are never trained on the device: sharing them is safe.
    neighbors: weights.neighbors,
    encoder: weights.encoder && cloneEncoder(weights.encoder),
  }
}
