// Adam on the item biases only, lazily (only the rows a step's classes hold move, as TensorFlow's
// LazyAdam), with its moments kept in the tables the worker already checkpoints, saves by rows and
// remaps by item id (TrainerState, see model-rows.ts): the sequence fine-tune then needs no new
// storage layout, and a round's delta, checkpoint refresh and save cost its classes' rows only.
//   biasAcc[r]        the second moment of item r's bias
//   itemAcc[r * dim]  its first moment (the rest of the row is unused)
//   wAcc[0]           the steps taken (the bias correction's t)
//   offsetAcc         all 0: the older trainer's Adagrad accumulators start at 0.1, so a state it saved
//                     (a version-3 model trained before the worker ran this fine-tune) is told apart
import type { ModelWeights } from '../core/types'
import { adamUpdate } from './adam'
import { createTrainerState, type TrainerState } from './trainer-state'

/** Fresh (zero) moments for `weights`; also the remap's fill for new items (remapTrainerState's initialAccumulator). */
export const ADAM_FRESH = 0

export const createBiasAdamState = (weights: ModelWeights): TrainerState => createTrainerState(weights, ADAM_FRESH)

/** True when `state` holds this layout (not the older trainer's Adagrad accumulators). */
export const isBiasAdamState = (state: TrainerState): boolean => state.offsetAcc.every((x) => x === 0)

/** One Adam step on the biases of `classes` (item rows, distinct) with their gradient `grad`; in place. */
export function biasAdamStep(weights: ModelWeights, state: TrainerState, classes: ArrayLike<number>, grad: Float32Array, learningRate: number): void {
  const { dim } = weights
  const n = classes.length
  const bias = new Float32Array(n)
  const m = new Float32Array(n)
  const v = new Float32Array(n)
  for (let c = 0; c < n; c++) {
    const r = classes[c]
    bias[c] = weights.itemBias[r]
    m[c] = state.itemAcc[r * dim]
    v[c] = state.biasAcc[r]
  }
  const t = ++state.wAcc[0]
  adamUpdate(bias, grad, m, v, t, learningRate)
  for (let c = 0; c < n; c++) {
    const r = classes[c]
    weights.itemBias[r] = bias[c]
    state.itemAcc[r * dim] = m[c]
    state.biasAcc[r] = v[c]
  }
}
