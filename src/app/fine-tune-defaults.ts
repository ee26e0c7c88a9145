// FINE_TUNE as the npm entry exports it, typed by the tfjs-free FineTuneOptions (see
// src/model/fine-tune-options.ts): apps type-check with skipLibCheck off and have no tfjs installed.
import { FINE_TUNE as defaults } from '../model/fine-tune'
import type { FineTuneOptions } from '../model/fine-tune-options'

/** The on-device fine-tune's settings (read-only; for diagnostics and experiments). */
export type FineTuneDefaults = FineTuneOptions

export const FINE_TUNE: Readonly<FineTuneDefaults> = defaults
