// The last good weights and optimiser state of the worker's fine-tuner: a training round whose loss
// or weights come out non-finite (a diverged step, a GPU that lost its context mid-round) is
// rolled back to them instead of being saved and shown.
import type { ModelWeights } from '../core/types'
import type { TrainerState } from '../model/trainer-state'

export interface Checkpoint {
  weights: ModelWeights
  state: unknown
}

/** A copy that later in-place updates of the trainer cannot reach. */
export const checkpoint = (weights: ModelWeights, state: unknown): Checkpoint => structuredClone({ weights, state })

const finiteArray = (values: ArrayLike<number>): boolean => {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return false
  return true
}

/** True when the loss and every trainable array are finite numbers. */
export const healthy = (loss: number, weights: ModelWeights): boolean =>
  Number.isFinite(loss) && finiteArray(weights.userOffset) && finiteArray(weights.itemBias) && finiteArray(weights.itemEmb) &&
  finiteArray(weights.w) && finiteArray(weights.tokenEmb)


/**
 * Brings `good` up to `weights` and `state` where a round changed them: the changed item rows and
 * the small shared tables (the token table only when it changed), so a round costs its rows, not
 * the catalogue. Exactly `checkpoint(weights, state)` when nothing outside that changed.
 */
export function refreshCheckpoint(good: Checkpoint, weights: ModelWeights, state: TrainerState, rows: ArrayLike<number>, tokensChanged: boolean): void {
  const { dim } = weights
  const saved = good.weights
  const savedState = good.state as TrainerState
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k]
    saved.itemEmb.set(weights.itemEmb.subarray(r * dim, (r + 1) * dim), r * dim)
    saved.itemBias[r] = weights.itemBias[r]
    savedState.itemAcc.set(state.itemAcc.subarray(r * dim, (r + 1) * dim), r * dim)
    savedState.biasAcc[r] = state.biasAcc[r]
  }
  saved.w.set(weights.w)
  saved.userOffset.set(weights.userOffset)
  savedState.wAcc.set(state.wAcc)
  savedState.offsetAcc.set(state.offsetAcc)
  if (tokensChanged) {
    saved.tokenEmb.set(weights.tokenEmb)
    savedState.tokenAcc.set(state.tokenAcc)
  }
}

/** `healthy`, looking only at what a round changed: the loss, its rows and the shared tables. */
export function healthyRows(loss: number, weights: ModelWeights, rows: ArrayLike<number>, tokensChanged: boolean): boolean {
  const { dim } = weights
  if (!Number.isFinite(loss) || !finiteArray(weights.w) || !finiteArray(weights.userOffset)) return false
  if (tokensChanged && !finiteArray(weights.tokenEmb)) return false
  for (let k = 0; k < rows.length; k++) {
    const r = rows[k]
    if (!Number.isFinite(weights.itemBias[r]) || !finiteArray(weights.itemEmb.subarray(r * dim, (r + 1) * dim))) return false
  }
  return true
}
