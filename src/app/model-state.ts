// The weights the shelves rank with, and how they change: installed at start-up (in slices),
// patched by each training round's delta, adopted from a saved model, and put back to the
// untouched start on erase. Owns the rank state and the sequence numbers that say which events
// the weights have learned from.
//
// One item table on the page: the shelves rank with the item vectors, so the item rows are kept
// only as the starting table (the shop model's rows; none, meaning zeros, for the content-only
// start) plus the rows a fine-tune changed. At 100,000 items a full second table was 12.8 MB.
// A new worker gets the rows whole (`workerWeights`), built for the message and then dropped.
import type { RankState } from '../core/recommend'
import { forgetNorms } from '../core/scan'
import type { ModelWeights } from '../core/types'
import { itemVectorFrom, itemVectorSteps } from '../core/vectors'
import { applyDelta, type WeightsDelta } from '../core/weight-delta'
import { remapWeightsSteps } from '../core/weights'
import type { PersistedModel } from '../store/schema'
import type { CatalogState } from './catalog-state'
import { runSteps } from '../core/steps'
import { runSliced } from './sliced'

export interface ModelState {
  /** What the shelves rank with; undefined until the catalogue loaded. */
  readonly rank: RankState | undefined
  /** The trainedThroughSeq of the last weights change this page holds (a delta applies only on top of it). */
  readonly weightsSeq: number
  /** The highest event seq the weights learned from (the worker and other tabs move it). */
  trainedThroughSeq: number
  /** The saved optimiser state and the item ids it was saved for, handed to a new worker. */
  trainerState: unknown
  trainerItemIds: string[] | undefined
  setWeights(weights: ModelWeights, personal: boolean): void
  /** setWeights for start-up: the item vectors in slices, then the ranking, unless newer weights came meanwhile. */
  setWeightsSliced(weights: ModelWeights, personal: boolean): Promise<void>
  /** Applies a round's changed rows and recomputes only their vectors (all of them when the token rows changed). */
  patchWeights(delta: WeightsDelta, seq: number): void
  /** Takes saved weights and trainer state when they fit this catalog and starting model; says whether it did. */
  adopt(persisted: PersistedModel | undefined): Promise<boolean>
  /** The weights as a worker needs them: every item row, the changed ones included (a fresh table). */
  workerWeights(): ModelWeights | undefined
  /** The untouched start as a worker needs it (a worker is reset to it on erase). */
  initialWeights(): ModelWeights | undefined
  /** After an erase: the start weights, nothing learned. */
  reset(): void
}

export function createModelState(catalog: CatalogState, notify: () => void): ModelState {
  let rank: RankState | undefined
  // Counts weight changes, so a ranking computed in slices never replaces a newer one.
  let weightsVersion = 0
  // The item rows that differ from the starting table's (`rank.weights.itemEmb`, never written to).
  let changedRows = new Map<number, Float32Array>()
  let weightsSeq = 0

  /** The weights (and their item vectors) the shelves rank with from now on. */
  function install(weights: ModelWeights, vectors: Float32Array, personal: boolean, changed = new Map<number, Float32Array>()): void {
    const { features, popularity, contentWeight } = catalog
    if (!features) return
    weightsVersion++
    changedRows = changed
    weightsSeq = self.trainedThroughSeq
    rank = { count: catalog.items.length, features, weights, vectors, personal, popularity, contentWeight }
    notify()
  }

  /** Item vectors in slices, with the item rows from `rows` (a full table) or, where absent, the start's. */
  function* vectorSteps(weights: ModelWeights, changed: Map<number, Float32Array>) {
    const { features } = catalog
    const start = catalog.initial!.itemEmb
    const vectors = yield* itemVectorSteps({ ...weights, itemEmb: start }, features!)
    for (const [r, row] of changed) itemVectorFrom(vectors, weights, features!, r, row, 0)
    return vectors
  }

  /** The rows of a full table that differ from the start's, in slices (a saved model's rows). */
  function* changedSteps(itemEmb: Float32Array, dim: number) {
    const start = catalog.initial!.itemEmb
    const changed = new Map<number, Float32Array>()
    const rows = itemEmb.length / dim
    for (let r0 = 0; r0 < rows; r0 += 4096) {
      for (let r = r0, end = Math.min(rows, r0 + 4096); r < end; r++) {
        for (let d = 0, o = r * dim; d < dim; d++) {
          if (itemEmb[o + d] !== (start.length ? start[o + d] : 0)) {
            changed.set(r, itemEmb.slice(o, o + dim))
            break
          }
        }
      }
      yield 4096
    }
    return changed
  }

  /** The item rows whole: the start's (or zeros) with the changed ones written over. */
  function fullRows(weights: ModelWeights, changed: Map<number, Float32Array>): ModelWeights {
    const itemEmb = weights.itemEmb.length ? weights.itemEmb.slice() : new Float32Array(weights.itemIds.length * weights.dim)
    for (const [r, row] of changed) itemEmb.set(row, r * weights.dim)
    return { ...weights, itemEmb }
  }

  const self: ModelState = {
    get rank() {
      return rank
    },
    get weightsSeq() {
      return weightsSeq
    },
    trainedThroughSeq: 0,
    trainerState: undefined,
    trainerItemIds: undefined,
    setWeights(weights, personal) {
      if (catalog.features) install(weights, runSteps(itemVectorSteps(weights, catalog.features)), personal)
    },
    async setWeightsSliced(weights, personal) {
      if (!catalog.features || !catalog.initial) return
      const version = weightsVersion
      // A saved model's full table: kept as its changed rows over the start's.
      const own = weights !== catalog.initial && weights.itemEmb.length > 0
      const changed = own ? await runSliced(changedSteps(weights.itemEmb, weights.dim)) : new Map<number, Float32Array>()
      const ranked = own ? { ...weights, itemEmb: catalog.initial.itemEmb, itemIds: catalog.initial.itemIds } : weights
      const vectors = await runSliced(vectorSteps(ranked, changed))
      if (version === weightsVersion) install(ranked, vectors, personal, changed)
    },
    patchWeights(delta, seq) {
      const { features } = catalog
      if (!features || !rank) return
      // The start's small tables are never written to (erase hands them back): copied on the first patch.
      let { weights } = rank
      if (weights === catalog.initial) {
        weights = { ...weights, itemBias: weights.itemBias.slice(), w: weights.w.slice(), userOffset: weights.userOffset.slice() }
      }
      // The token rows likewise, the first time a delta brings them (the on-device fine-tune never does).
      if (delta.tokenEmb && weights.tokenEmb === catalog.initial?.tokenEmb) weights = { ...weights, tokenEmb: weights.tokenEmb.slice() }
      const { dim } = weights
      const rows = applyDelta(weights, delta, (id) => catalog.index.get(id), undefined, (r, k) => changedRows.set(r, delta.itemEmb.slice(k * dim, (k + 1) * dim)))
      const { vectors } = rank
      if (delta.tokenEmb) {
        // New token rows move every item: all vectors again (the on-device fine-tune never does this).
        for (let i = 0; i < rank.count; i++) itemVectorFrom(vectors, weights, features, i, changedRows.get(i) ?? (weights.itemEmb.length ? weights.itemEmb : undefined), changedRows.has(i) ? 0 : i * dim)
      } else for (const r of rows) itemVectorFrom(vectors, weights, features, r, changedRows.get(r), 0)
      // Patched in place: the scan's cached 1/norms of this array are stale now.
      forgetNorms(vectors)
      // A new state object all the same: whoever caches by it sees that the inputs changed.
      rank = { ...rank, weights, personal: true }
      weightsSeq = seq
      notify()
    },
    async adopt(persisted) {
      const saved = persisted?.data as { weights?: ModelWeights; trainer?: unknown; base?: string } | undefined
      if (!persisted || !saved?.weights || !catalog.features || !catalog.initial) return false
      // Weights fine-tuned from another starting model (the shop published a new one, or removed it)
      // are dropped: the stored events retrain the new one. Weights saved before the fingerprint
      // existed count as the content-only start's, or the first shop model's.
      const usable = (saved.base ?? (saved.weights.neighbors ? catalog.base : 'content')) === catalog.base &&
        saved.weights.buckets === catalog.features.buckets && saved.weights.dim === catalog.initial.dim && !!saved.weights.neighbors === !!catalog.initial.neighbors
      if (!usable) return false
      self.trainedThroughSeq = persisted.trainedThroughSeq
      self.trainerState = saved.trainer
      self.trainerItemIds = saved.weights.itemIds
      await self.setWeightsSliced(await runSliced(remapWeightsSteps(saved.weights, catalog.items.ids as string[])), self.trainedThroughSeq > 0)
      return true
    },
    workerWeights: () => rank && fullRows(rank.weights, changedRows),
    initialWeights: () => catalog.initial && fullRows(catalog.initial, new Map()),
    reset() {
      self.trainedThroughSeq = 0
      self.trainerState = undefined
      if (catalog.initial) self.setWeights(catalog.initial, false)
    },
  }
  return self
}
