// Which fine-tune a model gets: a sequence model (weights.encoder) the sequence fine-tune, whose
// loss is the one its encoder scores with; a weighted-mean model (and a content-only start) the
// older trainer. The worker and the eval's shop+finetune row both pick here, so the eval measures
// what the widget runs.
import type { ContentFeatures, ModelWeights } from '../core/types'
import { ADAM_FRESH, isBiasAdamState } from './bias-adam'
import { createFineTuner, type FineTuner, type FineTuneOptions } from './fine-tune'
import { createSeqFineTuner, SEQ_FINE_TUNE } from './seq-fine-tune'
import type { TF } from './tf-types'
import { DEFAULT_INITIAL_ACCUMULATOR, remapTrainerState, type TrainerState } from './trainer-state'
import type { TunerInit } from './tuner-rounds'

/** `options` are the older trainer's (FINE_TUNE, the shop's content weight); a sequence model uses SEQ_FINE_TUNE. */
export function createModelFineTuner(
  tf: TF,
  weights: ModelWeights,
  features: ContentFeatures,
  options: FineTuneOptions,
  init: TunerInit & { state?: TrainerState } = {},
): FineTuner {
  return weights.encoder ? createSeqFineTuner(tf, weights, features, SEQ_FINE_TUNE, init) : createFineTuner(tf, weights, features, options, init)
}

/** A saved optimiser state re-indexed to `weights`' catalogue, new items starting as each fine-tune starts its own. */
export const remapModelTrainerState = (state: TrainerState, oldItemIds: string[], weights: ModelWeights): TrainerState =>
  remapTrainerState(state, oldItemIds, weights, weights.encoder ? ADAM_FRESH : DEFAULT_INITIAL_ACCUMULATOR)

/**
 * `state` when it is the optimiser state of the fine-tune `weights` get (Adam moments for a sequence
 * model, Adagrad accumulators otherwise), else undefined: a state saved by the other fine-tune (a
 * version-3 model trained before the worker ran the sequence fine-tune) starts afresh, and the
 * worker then saves the whole state again rather than mixing the two in the stored rows.
 */
export const fittingTrainerState = (weights: ModelWeights, state: TrainerState | undefined): TrainerState | undefined =>
  state && isBiasAdamState(state) === !!weights.encoder ? state : undefined
