// FINE_TUNE as the npm entry exports it. Typed by this public shape rather than the model's own
// FineTuneOptions, whose declaration file brings the trainer's tfjs types along: apps type-check
// with skipLibCheck off and have no tfjs installed. The assignment checks the two stay in step.
import { FINE_TUNE as defaults } from '../model/fine-tune'

/** The on-device fine-tune's settings (read-only; for diagnostics and experiments). */
export interface FineTuneDefaults {
  /** Optimisation steps per incremental update. */
  steps: number
  batchSize: number
  negatives: number
  /** Older examples replayed beside the new ones. */
  replay: number
  learningRate: number
  contentWeight: number
}

export const FINE_TUNE: Readonly<FineTuneDefaults> = defaults
