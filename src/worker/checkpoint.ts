// The last good weights and optimiser state of the worker's fine-tuner: a training round whose loss
// or weights come out non-finite (a diverged step, a GPU that lost its context mid-round) is
// rolled back to them instead of being saved and shown.
import type { ModelWeights } from '../core/types'

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
