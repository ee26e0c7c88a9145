// The on-device fine-tune's settings, apart from fine-tune.ts: the npm entry exports their type
// (FineTuneDefaults), and fine-tune.ts's declaration file brings the trainer's tfjs types along,
// which apps type-checking with skipLibCheck off and no tfjs installed cannot resolve.

/** Trainer hyper-parameters of the on-device fine-tune. */
export interface FineTuneOptions {
  /** Optimisation steps per incremental update. */
  steps: number
  batchSize: number
  negatives: number
  /** Older examples replayed beside the new ones, so one click does not overwrite the rest. */
  replay: number
  learningRate: number
  contentWeight: number
}
