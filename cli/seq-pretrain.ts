// Pretraining of the sequence model: the literature's recipe (SASRec/BSARec: next-item softmax
// cross-entropy over the full catalogue at every position, Adam, dropout, early stopping on the
// validation targets), with the trainer the device fine-tunes with.
import { encoderType, initEncoder, cloneEncoder, type EncoderConfig } from '../src/core/encoder'
import { createRandom, hashString } from '../src/core/random'
import type { ContentFeatures, Item, ModelWeights } from '../src/core/types'
import { isInterest, type EvalCase, type TrainData, type TrainUser } from '../src/eval/protocol'
import { packBatches, type Sequence } from '../src/model/seq-batch'
import { createSeqTrainer } from '../src/model/seq-trainer'
import type { TFSeq } from '../src/model/tf-types'
import { clock, type TrainingProgress } from './run-budget'

export interface SeqOptions {
  dim: number
  maxLen: number
  blocks: number
  heads: number
  dropout: number
  learningRate: number
  weightDecay: number
  /** Target rows per step (sequences are packed up to about this many real positions). */
  rowsPerBatch: number
  /** Sampled softmax with this many uniform negatives beside the batch's targets; 0 = full softmax. */
  negatives: number
  /** At most this many epochs... */
  epochs: number
  /** ...stopping after this many epochs without a better validation score... */
  patience: number
  /** ...or when this many minutes of training have passed (the best epoch so far is kept). */
  minutes: number
  seed: number
}

export const SEQ_DEFAULTS: SeqOptions = {
  dim: 64, maxLen: 50, blocks: 2, heads: 1, dropout: 0.5, learningRate: 2e-3, weightDecay: 0, rowsPerBatch: 1024, negatives: 2048, epochs: 200, patience: 5, minutes: 15, seed: 1,
}


/** A training user's interest events as an encoder sequence. */
export function sequenceOf(user: TrainUser): Sequence {
  const events = user.events.filter((e) => isInterest(e.type))
  return { items: events.map((e) => e.item), types: events.map((e) => encoderType(e.type)) }
}

/** At most `max` validation baskets, a stable sample by user hash (each costs a full-catalogue ranking). */
export function sampleCases(cases: readonly EvalCase[], max: number): EvalCase[] {
  if (cases.length <= max) return [...cases]
  return [...cases].sort((a, b) => hashString(a.userKey) - hashString(b.userKey) || (a.userKey < b.userKey ? -1 : 1)).slice(0, max)
}

/** A one-line progress bar with an ETA, redrawn on stderr (when it is a terminal). */
function progress(label: string, done: number, total: number, startedMs: number): void {
  if (!process.stderr.isTTY) return
  const width = 24
  const filled = Math.round((done / total) * width)
  const elapsed = (performance.now() - startedMs) / 1000
  const eta = done > 0 ? (elapsed / done) * (total - done) : 0
  process.stderr.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} ${clock(elapsed)} ETA ${clock(eta)}   `)
  if (done === total) process.stderr.write('\r' + ' '.repeat(80) + '\r')
}

/**
 * Trains the item table, token rows, biases and encoder of `weights` (which must carry an
 * encoder) on the users' sequences; keeps the epoch that validates best (`validate`: higher is
 * better). Mutates and returns `weights` holding the kept epoch.
 */
export async function trainSequenceModel(
  tf: TFSeq,
  weights: ModelWeights,
  features: ContentFeatures,
  users: readonly TrainUser[],
  options: SeqOptions,
  validate: (w: ModelWeights) => { hr10: number; ndcg10: number },
  log: (line: string) => void,
  /** Replaces the terminal-only bar: called after every batch (`endOfEpoch` after validation). */
  report?: (r: TrainingProgress) => void,
  /** Seconds of training allowed, asked after every epoch (a whole-run budget); default options.minutes. */
  limitSeconds?: () => number,
): Promise<{ weights: ModelWeights; epoch: number; epochs: number; seconds: number; hr10: number; ndcg10: number }> {
  const sequences = users.map(sequenceOf).filter((s) => s.items.length >= 2)
  const random = createRandom(options.seed * 7919 + 1)
  const targetShare = new Float32Array(weights.itemIds.length)
  let targetCount = 0
  for (const s of sequences) for (let i = 1; i < s.items.length; i++) { targetShare[s.items[i]]++; targetCount++ }
  for (let i = 0; i < targetShare.length; i++) targetShare[i] /= targetCount
  // Sampling pays only when the classes it keeps are well below the catalogue.
  const negatives = options.negatives * 2 < weights.itemIds.length ? options.negatives : 0
  const trainer = createSeqTrainer(tf, weights, features, { learningRate: options.learningRate, dropout: options.dropout, weightDecay: options.weightDecay, negatives, targetShare })
  const started = performance.now()
  const snapshot = (w: ModelWeights) => ({ itemEmb: w.itemEmb.slice(), tokenEmb: w.tokenEmb.slice(), itemBias: w.itemBias.slice(), encoder: cloneEncoder(w.encoder!) })
  let validateSeconds = performance.now()
  const v0 = validate(weights)
  validateSeconds = (performance.now() - validateSeconds) / 1000
  let kept = { epoch: 0, score: v0.hr10 + v0.ndcg10, ...v0, state: snapshot(weights) }
  let epoch = 0
  let rows = 0
  for (const s of sequences) rows += Math.min(s.items.length, options.maxLen + 1) - 1
  log(`sequence model: ${sequences.length} sequences, ${rows} next-item targets per epoch, d=${options.dim} L=${options.maxLen} blocks=${options.blocks} heads=${options.heads} dropout=${options.dropout} lr=${options.learningRate} ${negatives ? `sampled softmax (${negatives} negatives)` : 'full softmax'}`)
  while (epoch < options.epochs) {
    for (let i = sequences.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1))
      ;[sequences[i], sequences[j]] = [sequences[j], sequences[i]]
    }
    const batches = packBatches(sequences, options.maxLen, options.rowsPerBatch)
    const epochStart = performance.now()
    let loss = 0
    let steps = 0
    for (let b = 0; b < batches.length; b++) {
      loss += await trainer.step(batches[b], random)
      steps++
      if (report) report({ epoch, maxEpochs: options.epochs, batch: b + 1, batches: batches.length, epochSeconds: (performance.now() - epochStart) / 1000, perEpoch: epoch ? (performance.now() - started) / 1000 / epoch : 0, endOfEpoch: false })
      else progress(`epoch ${epoch + 1}`, b + 1, batches.length, epochStart)
      // Under a whole-run limit an epoch may end early, leaving time for its validation pass:
      // refusing to start an epoch that would not fit wastes up to an epoch of the budget.
      if (limitSeconds && b + 1 < batches.length && (performance.now() - started) / 1000 + validateSeconds > limitSeconds()) break
    }
    epoch++
    const validateStart = performance.now()
    const v = validate(weights)
    validateSeconds = (performance.now() - validateStart) / 1000
    const elapsed = (performance.now() - started) / 1000
    const better = v.hr10 + v.ndcg10 > kept.score
    if (better) kept = { epoch, score: v.hr10 + v.ndcg10, ...v, state: snapshot(weights) }
    const perEpoch = elapsed / epoch
    const partial = steps < batches.length ? ` (${steps}/${batches.length} batches: the time limit)` : ''
    log(`epoch ${epoch}${partial}: loss ${(loss / Math.max(1, steps)).toFixed(4)}, validation HR@10 ${v.hr10.toFixed(4)} NDCG@10 ${v.ndcg10.toFixed(4)}${better ? ' (best)' : ''}, ${(((performance.now() - epochStart) / 1000)).toFixed(1)} s/epoch, ${clock(elapsed)} elapsed`)
    report?.({ epoch: epoch - 1, maxEpochs: options.epochs, batch: batches.length, batches: batches.length, epochSeconds: (performance.now() - epochStart) / 1000, perEpoch, endOfEpoch: true })
    if (epoch - kept.epoch >= options.patience) { log(`early stop: no better validation for ${options.patience} epochs`); break }
    const limit = limitSeconds ? limitSeconds() : options.minutes * 60
    // With a whole-run limit the next epoch starts whenever time is left (it ends early if need be).
    if (partial || elapsed + (limitSeconds ? validateSeconds : perEpoch) > limit) { log(`time budget of ${clock(limit)} reached`); break }
  }
  Object.assign(weights, { itemEmb: kept.state.itemEmb, tokenEmb: kept.state.tokenEmb, itemBias: kept.state.itemBias, encoder: kept.state.encoder })
  return { weights, epoch: kept.epoch, epochs: epoch, seconds: (performance.now() - started) / 1000, hr10: kept.hr10, ndcg10: kept.ndcg10 }
}

/** Fresh sequence-model weights on top of initialised content weights: small random item rows and an encoder. */
export function addEncoder(weights: ModelWeights, options: SeqOptions): ModelWeights {
  const config: EncoderConfig = { dim: options.dim, maxLen: options.maxLen, blocks: options.blocks, heads: options.heads }
  const random = createRandom(options.seed * 31 + 5)
  for (let i = 0; i < weights.itemEmb.length; i++) weights.itemEmb[i] = (random() * 2 - 1) * 0.02 * Math.sqrt(3)
  weights.encoder = initEncoder(config, options.seed)
  return weights
}

export type { Item, TrainData }
