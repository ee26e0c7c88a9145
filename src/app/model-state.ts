// The weights the shelves rank with, and how they change: installed at start-up (in slices),
// patched in place by each training round's delta, adopted from a saved model, and put back to the
// untouched start on erase. Owns the rank state and the sequence numbers that say which events
// the weights have learned from.
import type { RankState } from '../core/recommend'
import { forgetNorms } from '../core/scan'
import type { ModelWeights } from '../core/types'
import { itemVectors, itemVectorSteps, updateItemVectors } from '../core/vectors'
import { applyDelta, createUndoLog, undoDelta, type WeightsDelta } from '../core/weight-delta'
import { remapWeights } from '../core/weights'
import type { PersistedModel } from '../store/schema'
import type { CatalogState } from './catalog-state'
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
  /** Gets the untouched start back in place (before a worker is reset to it). */
  undoToInitial(): void
  /** After an erase: the start weights, nothing learned. */
  reset(): void
}

export function createModelState(catalog: CatalogState, notify: () => void): ModelState {
  let rank: RankState | undefined
  // Counts weight changes, so a ranking computed in slices never replaces a newer one.
  let weightsVersion = 0
  // One copy of each table: deltas patch the weights the shelves rank with in place. When those are
  // `initial` (nothing saved yet), the rows they overwrite are kept in `undo`, so erase still gets
  // the untouched start back without a second full copy.
  const undo = createUndoLog()
  let weightsSeq = 0

  /** The weights (and their item vectors) the shelves rank with from now on. */
  function install(weights: ModelWeights, vectors: Float32Array, personal: boolean): void {
    const { features, popularity, contentWeight } = catalog
    if (!features) return
    weightsVersion++
    if (weights === catalog.initial) undoDelta(catalog.initial, undo)
    weightsSeq = self.trainedThroughSeq
    rank = { count: catalog.items.length, features, weights, vectors, personal, popularity, contentWeight }
    notify()
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
      if (catalog.features) install(weights, itemVectors(weights, catalog.features), personal)
    },
    async setWeightsSliced(weights, personal) {
      if (!catalog.features) return
      const version = weightsVersion
      const vectors = await runSliced(itemVectorSteps(weights, catalog.features))
      if (version === weightsVersion) install(weights, vectors, personal)
    },
    patchWeights(delta, seq) {
      if (!catalog.features || !rank) return
      const { weights } = rank
      const rows = applyDelta(weights, delta, (id) => catalog.index.get(id), weights === catalog.initial ? undo : undefined)
      if (delta.tokenEmb) rank = { ...rank, vectors: itemVectors(weights, catalog.features), personal: true }
      else {
        updateItemVectors(rank.vectors, weights, catalog.features, rows)
        // Patched in place: the scan's cached 1/norms of this array are stale now.
        forgetNorms(rank.vectors)
        // A new state object all the same: whoever caches by it sees that the inputs changed.
        rank = { ...rank, personal: true }
      }
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
      await self.setWeightsSliced(remapWeights(saved.weights, catalog.items.ids as string[]), self.trainedThroughSeq > 0)
      return true
    },
    undoToInitial() {
      if (catalog.initial && rank?.weights === catalog.initial) undoDelta(catalog.initial, undo)
    },
    reset() {
      self.trainedThroughSeq = 0
      self.trainerState = undefined
      if (catalog.initial) self.setWeights(catalog.initial, false)
    },
  }
  return self
}
