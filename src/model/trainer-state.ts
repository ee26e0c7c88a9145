import type { ModelWeights } from '../core/types'

/** Adagrad accumulators, one per parameter element; persisted beside the weights. */
export interface TrainerState {
  /** [items x dim] */
  itemAcc: Float32Array
  /** [buckets x dim] */
  tokenAcc: Float32Array
  /** [items] */
  biasAcc: Float32Array
  /** [dim x dim] */
  wAcc: Float32Array
  /** [dim] */
  offsetAcc: Float32Array
}

/**
 * Starting accumulator value. 0.1, as in TensorFlow's and tfjs's Adagrad: starting at 0 would make
 * the first update of every element a full `learningRate` step whatever the size of its gradient,
 * so a handful of noisy on-device examples would move rare rows as far as frequent ones.
 */
export const DEFAULT_INITIAL_ACCUMULATOR = 0.1

/** Fresh accumulators sized for `weights`. */
export function createTrainerState(weights: ModelWeights, initialAccumulator = DEFAULT_INITIAL_ACCUMULATOR): TrainerState {
  const { dim } = weights
  const items = weights.itemIds.length
  const filled = (n: number) => new Float32Array(n).fill(initialAccumulator)
  return {
    itemAcc: filled(items * dim),
    tokenAcc: filled(weights.buckets * dim),
    biasAcc: filled(items),
    wAcc: filled(dim * dim),
    offsetAcc: filled(dim),
  }
}

/**
 * Carries accumulators over to a re-indexed catalog (the item rows of `weights` follow `itemIds`
 * of the new catalog, as `remapWeights` in core produces them): known ids keep their accumulators,
 * new ids start fresh. Use it with a persisted state when the catalog changed.
 */
export function remapTrainerState(
  state: TrainerState,
  oldItemIds: string[],
  weights: ModelWeights,
  initialAccumulator = DEFAULT_INITIAL_ACCUMULATOR,
): TrainerState {
  const { dim } = weights
  const oldRow = new Map(oldItemIds.map((id, i) => [id, i]))
  const next = createTrainerState(weights, initialAccumulator)
  weights.itemIds.forEach((id, i) => {
    const j = oldRow.get(id)
    if (j === undefined || (j + 1) * dim > state.itemAcc.length || j >= state.biasAcc.length) return
    next.itemAcc.set(state.itemAcc.subarray(j * dim, (j + 1) * dim), i * dim)
    next.biasAcc[i] = state.biasAcc[j]
  })
  if (state.tokenAcc.length === next.tokenAcc.length) next.tokenAcc.set(state.tokenAcc)
  if (state.wAcc.length === next.wAcc.length) next.wAcc.set(state.wAcc)
  if (state.offsetAcc.length === next.offsetAcc.length) next.offsetAcc.set(state.offsetAcc)
  return next
}

/** Throws a clear error when `weights`, `state` or the content features disagree on shapes. */
export function checkShapes(weights: ModelWeights, itemFeatureRows: number, buckets: number, state: TrainerState): void {
  const { dim } = weights
  const items = weights.itemIds.length
  const expect = (what: string, actual: number, wanted: number, fix: string) => {
    if (actual !== wanted) throw new Error(`Trainer: ${what} has ${actual} values but ${wanted} were expected; ${fix}`)
  }
  const grow = 'the catalog changed: remap the weights (remapWeights) and the state (remapTrainerState), then create a new trainer.'
  if (!(Number.isInteger(dim) && dim > 0)) throw new Error(`Trainer: weights.dim must be a positive integer, got ${dim}.`)
  expect('weights.itemEmb', weights.itemEmb.length, items * dim, 'itemEmb must be [itemIds.length x dim].')
  expect('weights.itemBias', weights.itemBias.length, items, 'itemBias must have one value per item id.')
  expect('weights.tokenEmb', weights.tokenEmb.length, weights.buckets * dim, 'tokenEmb must be [buckets x dim].')
  expect('weights.w', weights.w.length, dim * dim, 'w must be [dim x dim].')
  expect('weights.userOffset', weights.userOffset.length, dim, 'userOffset must have dim values.')
  expect('the content features (item rows)', itemFeatureRows, items, 'build the features and the weights from the same catalog.')
  expect('the content features (buckets)', buckets, weights.buckets, 'build the features with the bucket count of the model.')
  expect('state.itemAcc', state.itemAcc.length, items * dim, grow)
  expect('state.biasAcc', state.biasAcc.length, items, grow)
  expect('state.tokenAcc', state.tokenAcc.length, weights.buckets * dim, 'the state belongs to a model with another bucket count or dim; start from createTrainerState.')
  expect('state.wAcc', state.wAcc.length, dim * dim, 'the state belongs to a model with another dim; start from createTrainerState.')
  expect('state.offsetAcc', state.offsetAcc.length, dim, 'the state belongs to a model with another dim; start from createTrainerState.')
}
