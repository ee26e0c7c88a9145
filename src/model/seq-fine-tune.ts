// On-device fine-tuning of the sequence model: what a shopper's own events can teach the shop
// model. The loss is the sequence model's next-item softmax (the same as pretraining's,
// seq-trainer.ts) on the shopper's own sequence, with the items they were shown and passed over
// (`impression` without a later interest) and the ones they dismissed as explicit negatives:
// classes of every row of their softmax. Only the item biases learn, so the encoder's hidden
// states and the item vectors are constants of a round: they are computed once per round in plain
// TypeScript (core/encoder.ts, the page's own inference), and each step's tfjs work is a softmax
// over the round's few classes (bias-step.ts). The worker runs this for a model with an encoder
// (model-fine-tuner.ts), the eval's shop+finetune row the same.
import { encodePositions, encoderType } from '../core/encoder'
import type { ContentFeatures, ModelWeights } from '../core/types'
import { itemVectorRows } from '../core/vectors'
import { biasAdamStep, createBiasAdamState, isBiasAdamState } from './bias-adam'
import { biasStep } from './bias-step'
import type { FineTuner } from './fine-tune'
import { buildSeqBatch, sampleClasses, type SeqBatch, type Sequence } from './seq-batch'
import type { TF } from './tf-types'
import type { TrainerChanges } from './trainer'
import { checkShapes, type TrainerState } from './trainer-state'
import { createTunerRounds, type TunerInit } from './tuner-rounds'

export interface SeqFineTuneOptions {
  /** Adam steps per update (on the whole local sequence: it is short). */
  steps: number
  learningRate: number
  /** Uniform negatives beside the shopper's own items and explicit negatives (0: none). */
  negatives: number
}

/**
 * The defaults. The classes of a step are the shopper's own items and their explicit negatives
 * only (no random negatives), and only item biases learn: a few local events then move exactly the
 * items they are about — their own (never offered again on for-you) up, the passed-over ones down —
 * and nothing else in the catalogue, so the fine-tune cannot degrade the shop model's order of the
 * items the shopper has not met.
 */
export const SEQ_FINE_TUNE: SeqFineTuneOptions = { steps: 5, learningRate: 0.05, negatives: 0 }

const isNegative = (type: string) => type === 'impression' || type === 'dismiss'

/**
 * The shopper's interest sequence (oldest first) and the items shown or dismissed and never picked:
 * shown as `impression` events (the eval's session protocol) or as ids (the widget, which counts its
 * impressions apart from the event log), the same negatives either way.
 */
function shopperSequence(events: { type: string; item: string }[], shown: Iterable<string>, index: Map<string, number>): { sequence: Sequence; negatives: number[] } {
  const items: number[] = []
  const types: number[] = []
  const wanted = new Set<number>()
  const passed = new Set<number>()
  for (const e of events) {
    const i = index.get(e.item)
    if (i === undefined) continue
    if (isNegative(e.type)) passed.add(i)
    else {
      items.push(i)
      types.push(encoderType(e.type))
      wanted.add(i)
    }
  }
  for (const id of shown) {
    const i = index.get(id)
    if (i !== undefined) passed.add(i)
  }
  // Shown and picked (before or after) is not a negative.
  return { sequence: { items, types }, negatives: [...passed].filter((i) => !wanted.has(i)) }
}

export function createSeqFineTuner(
  tf: TF,
  weights: ModelWeights,
  features: ContentFeatures,
  options: SeqFineTuneOptions = SEQ_FINE_TUNE,
  init: TunerInit & { state?: TrainerState } = {},
): FineTuner {
  const encoder = weights.encoder
  if (!encoder) throw new Error('createSeqFineTuner: the weights have no encoder; fine-tune them with createFineTuner (model-fine-tuner.ts picks).')
  // A state the older trainer saved (Adagrad accumulators) means nothing to Adam: start afresh (the weights keep what it taught).
  const state = init.state && isBiasAdamState(init.state) ? init.state : createBiasAdamState(weights)
  checkShapes(weights, features.maxTokens > 0 ? features.tokenIds.length / features.maxTokens : weights.itemIds.length, features.buckets, state)
  const rounds = createTunerRounds(weights.itemIds, init)
  const { events, random } = rounds
  const { dim } = weights
  const { maxLen } = encoder.config
  // No item has a known share of targets on the device: the log q of a uniform draw only (see sampleClasses).
  let noShare: Float32Array | undefined
  let disposed = false
  let touched = new Set<number>()

  /** The round's constants: every loss row's hidden state ([rows x dim]) and target, from the plain-TS encoder. */
  function encodeRows(batch: SeqBatch): Float32Array {
    // One sequence, so no padding: the batch's slots are the window's inputs, each a loss row.
    const rows = Array.from(new Set(batch.items))
    const local = new Map(rows.map((r, k) => [r, k]))
    const vectors = itemVectorRows(weights, features, rows)
    return encodePositions(encoder!, vectors, Array.from(batch.items, (r) => local.get(r)!), batch.types)
  }

  async function step(batch: SeqBatch, hidden: Float32Array, negatives: number[]): Promise<number> {
    if (disposed) throw new Error('SeqFineTuner: a step after dispose(); create a new tuner.')
    const targets = batch.targets.slice()
    const { candidates, logQ } = sampleClasses({ ...batch, targets }, weights.itemIds.length, options.negatives, (noShare ??= new Float32Array(weights.itemIds.length)), random, negatives)
    const n = targets.length
    const c = candidates.length
    const vectors = itemVectorRows(weights, features, candidates)
    const base = new Float32Array(n * c)
    const pick = new Float32Array(n * c)
    for (let r = 0; r < n; r++) {
      const h = batch.rows[r] * dim
      for (let j = 0; j < c; j++) {
        let s = -logQ[j]
        for (let d = 0; d < dim; d++) s += hidden[h + d] * vectors[j * dim + d]
        base[r * c + j] = s
      }
      pick[r * c + targets[r]] = 1
    }
    const { loss, grad } = await biasStep(tf, { rows: n, classes: c, base, pick, bias: Float32Array.from(candidates, (j) => weights.itemBias[j]) })
    if (disposed) throw new Error('SeqFineTuner: disposed during a step (its round was abandoned).')
    if (!Number.isFinite(loss)) throw new Error(`SeqFineTuner: the loss is not finite (${loss}); the weights were left unchanged. Lower the learning rate or check the weights for NaN.`)
    biasAdamStep(weights, state, candidates, grad, options.learningRate)
    for (const j of candidates) touched.add(j)
    return loss
  }

  return {
    weights,
    add: events.add,
    train: () => rounds.round(async () => {
      let loss = 0
      let steps = 0
      const { sequence, negatives } = shopperSequence(events.list, rounds.shown, rounds.index)
      // A lone item has no next item; repeated, it still anchors the softmax against the negatives.
      const seq = sequence.items.length >= 2 ? sequence
        : sequence.items.length === 1 && negatives.length ? { items: [sequence.items[0], sequence.items[0]], types: [sequence.types[0], sequence.types[0]] }
        : undefined
      if (!seq) return { loss, steps }
      const batch = buildSeqBatch([seq], maxLen)
      const hidden = encodeRows(batch)
      for (; steps < options.steps; steps++) loss = await step(batch, hidden, negatives)
      return { loss, steps }
    }),
    trainedThroughSeq: rounds.trainedThroughSeq,
    seen: () => events.list.slice(),
    show: rounds.show,
    shown: () => [...rounds.shown],
    state: () => structuredClone(state),
    liveState: () => state,
    takeChanges(): TrainerChanges {
      const rows = Int32Array.from(touched).sort()
      touched = new Set()
      return { rows, tokens: false, w: false, offset: false }
    },
    dispose: () => {
      disposed = true
    },
  }
}
