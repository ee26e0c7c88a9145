// The whole-run time budget of `localshelf pretrain` and its progress line. Pure: the caller reads
// the clock and passes seconds in, so the arithmetic is tested without timing anything.

/** Seconds as m:ss. */
export function clock(seconds: number): string {
  const s = Math.max(0, Math.round(Number.isFinite(seconds) ? seconds : 0))
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`
}

/**
 * Seconds left for the sequence model: the run's budget less what has been spent and what the
 * phases after training are expected to cost (`reserve`). Never negative; at least one epoch
 * always runs (the caller's loop checks the budget only after an epoch).
 */
export function trainingSeconds(budget: number, elapsed: number, reserve: number): number {
  return Math.max(0, budget - elapsed - reserve)
}

/**
 * What the blend phase after training costs: one validation pass (a full-catalogue ranking per
 * validation basket) per blend tried, plus the shipped neighbour weights' refit.
 */
export function blendReserveSeconds(validateSeconds: number, tries: number, refitSeconds: number): number {
  return validateSeconds * tries + refitSeconds
}

/** Where training stands after a batch (`epoch`: 0-based, the one in progress). */
export interface TrainingProgress {
  epoch: number
  maxEpochs: number
  batch: number
  batches: number
  /** Seconds into this epoch, and the mean seconds per finished epoch (0 before the first ends). */
  epochSeconds: number
  perEpoch: number
  endOfEpoch: boolean
}

/**
 * Seconds the training phase still needs: the rest of this epoch at its pace so far, then whole
 * epochs up to `maxEpochs` at the mean epoch time, capped by the seconds the budget leaves it.
 * An upper bound: early stopping may end sooner.
 */
export function trainingLeftSeconds(p: Omit<TrainingProgress, 'endOfEpoch'> & { budgetLeft: number }): number {
  const perBatch = p.batch > 0 ? p.epochSeconds / p.batch : 0
  // Before the first epoch ends, its own pace stands in for the mean.
  const perEpoch = p.perEpoch || perBatch * p.batches
  const thisEpoch = p.batch > 0 ? perBatch * (p.batches - p.batch) : perEpoch
  const laterEpochs = Math.max(0, p.maxEpochs - p.epoch - 1) * perEpoch
  return Math.max(0, Math.min(thisEpoch + laterEpochs, p.budgetLeft))
}

export interface ProgressFields {
  /** 1-based phase number and the phase count. */
  phase: number
  phases: number
  name: string
  /** Units done in this phase and its total (epochs, batches, blends); omitted when not counted. */
  done?: number
  total?: number
  unit?: string
  /** Seconds since the run started. */
  elapsed: number
  /** Seconds the whole run still needs (this phase's rest plus the later phases' estimates). */
  eta: number
}

/** One progress line: `[2/4 sequence model] epoch 3/200 · 1:23 elapsed · ETA 2:40`. */
export function progressLine(f: ProgressFields): string {
  const count = f.done !== undefined && f.total !== undefined ? ` ${f.unit ? `${f.unit} ` : ''}${f.done}/${f.total}` : ''
  return `[${f.phase}/${f.phases} ${f.name}]${count} · ${clock(f.elapsed)} elapsed · ETA ${clock(f.eta)}`
}

/** A 24-character bar for the redrawn terminal line. */
export function bar(done: number, total: number, width = 24): string {
  const filled = total > 0 ? Math.min(width, Math.max(0, Math.round((done / total) * width))) : 0
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}]`
}
