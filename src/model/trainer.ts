import type { Scalar, Tensor } from '@tensorflow/tfjs-core'
import type { TrainingExample } from '../core/training'
import type { ContentFeatures, ModelWeights } from '../core/types'
import { adagradRows } from './adagrad'
import { TRAIN_MAX_CONTEXT } from '../core/history'
import { neighborCandidateScores } from '../core/neighbors'
import { buildBatch } from './batch'
import { stepInputs, stepLoss, type StepParams } from './loss'
import type { TF } from './tf-types'
import { checkShapes, createTrainerState, DEFAULT_INITIAL_ACCUMULATOR, type TrainerState } from './trainer-state'

export type { TrainerState } from './trainer-state'
export { createTrainerState, remapTrainerState } from './trainer-state'

export interface TrainerOptions {
  /** Adagrad learning rate. Default 0.05: with Adagrad's per-element scaling, rows move at most a few hundredths per step, small next to item vectors of norm ~1. */
  learningRate?: number
  /** L2 penalty on the rows a step uses (item rows, token rows, user offset), per example. Default 1e-4. */
  l2?: number
  /** Weight (gamma) of the TF-IDF cosine added to every logit, as at ranking time. Default 0.5. Must match the ranking's content weight. */
  contentWeight?: number
  /** Longest context (L) per example; longer ones keep their heaviest items. Default TRAIN_MAX_CONTEXT (100). */
  maxContext?: number
  /** Starting Adagrad accumulator for a fresh state. Default 0.1 (see DEFAULT_INITIAL_ACCUMULATOR). */
  initialAccumulator?: number
  /** Update item embedding rows. Default true. */
  trainItems?: boolean
  /** Update token embedding rows. Default true. */
  trainTokens?: boolean
  /** Update the user-encoder matrix W. Default true; the on-device fine-tune freezes it. */
  trainW?: boolean
  /** Update the user offset. Default true. */
  trainOffset?: boolean
  /** Update item biases. Default true. */
  trainBias?: boolean
}

export interface Trainer {
  /**
   * One Adagrad step on a batch; mutates `weights` in place (only the rows the batch used) and
   * resolves to the batch's loss (mean sampled-softmax loss plus the L2 term). Await each step
   * before starting the next. Throws, leaving the weights untouched, on bad input or a
   * non-finite loss.
   */
  step(examples: TrainingExample[], negatives: ArrayLike<number>): Promise<number>
  /** A copy of the Adagrad accumulators, for persistence (safe to transfer or store). */
  state(): TrainerState
  /** The live accumulators, not a copy: read them between steps, never write them. */
  liveState(): TrainerState
  /** What the steps since the last call changed (see TrainerChanges); starts a new record. */
  takeChanges(): TrainerChanges
  /** Ends the trainer; it holds no tensors between steps, so this only refuses later steps. */
  dispose(): void
}

/**
 * What a run of steps changed: the item rows (ascending) whose embedding, bias or accumulators
 * moved, and whether the shared tables did. Lets a fine-tune post and save a delta.
 */
export interface TrainerChanges {
  rows: Int32Array
  tokens: boolean
  w: boolean
  offset: boolean
}

/** Adagrad's epsilon: only guards a zero accumulator (possible with initialAccumulator 0). */
const EPSILON = 1e-8

type ParamName = keyof StepParams

/**
 * A trainer for `weights` (mutated in place). `tf` is the tfjs-core namespace with a backend
 * already set and gradients registered. If the catalog grows, remap the weights and the state and
 * create a new trainer: a trainer whose weights no longer match its state throws.
 */
export function createTrainer(
  tf: TF,
  weights: ModelWeights,
  features: ContentFeatures,
  options: TrainerOptions = {},
  state?: TrainerState,
): Trainer {
  const learningRate = options.learningRate ?? 0.05
  const l2 = options.l2 ?? 1e-4
  const contentWeight = options.contentWeight ?? 0.5
  const maxContext = options.maxContext ?? TRAIN_MAX_CONTEXT
  const trained: Record<ParamName, boolean> = {
    itemRows: options.trainItems ?? true,
    tokRows: options.trainTokens ?? true,
    biasRows: options.trainBias ?? true,
    w: options.trainW ?? true,
    offset: options.trainOffset ?? true,
  }
  if (!(learningRate >= 0) || !(l2 >= 0) || !Number.isFinite(contentWeight) || !(Number.isInteger(maxContext) && maxContext > 0)) {
    throw new Error('createTrainer: learningRate and l2 must be >= 0, contentWeight finite and maxContext a positive integer.')
  }
  const featureRows = () => (features.maxTokens > 0 ? features.tokenIds.length / features.maxTokens : weights.itemIds.length)
  const acc = state ?? createTrainerState(weights, options.initialAccumulator ?? DEFAULT_INITIAL_ACCUMULATOR)
  checkShapes(weights, featureRows(), features.buckets, acc)
  let busy = false
  let disposed = false
  // Rows touched since takeChanges(): a mark per item plus the list, so recording stays O(batch).
  let touched = new Uint8Array(weights.itemIds.length)
  let touchedRows: number[] = []
  const changedShared = { tokens: false, w: false, offset: false }

  async function step(examples: TrainingExample[], negatives: ArrayLike<number>): Promise<number> {
    if (disposed) throw new Error('Trainer.step called after dispose(); create a new trainer.')
    if (busy) throw new Error('Trainer.step called while the previous step is still running; await each step before the next.')
    checkShapes(weights, featureRows(), features.buckets, acc)
    const dim = weights.dim
    const nb = weights.neighbors
    // The shop model's neighbour scores are part of the model's score, so the embeddings learn what they miss.
    const prior = nb ? (ctx: number[], w: number[], cands: Int32Array) => scaled(neighborCandidateScores(nb, ctx, w, cands), nb.scale) : undefined
    const batch = buildBatch(features, weights.itemIds.length, examples, negatives, { maxContext, contentWeight, prior })
    const u = batch.items.length
    const t = batch.tokens.length
    busy = true
    let result: { loss: Scalar; grads: Tensor[] } | undefined
    try {
      const names: ParamName[] = []
      result = tf.tidy(() => {
        // The small tables are copies of the JS rows, so updating the weights later never aliases a live tensor.
        const params: StepParams = {
          itemRows: tf.tensor2d(takeRows(weights.itemEmb, batch.items, dim), [u, dim]),
          tokRows: t > 0 ? tf.tensor2d(takeRows(weights.tokenEmb, batch.tokens, dim), [t, dim]) : undefined,
          biasRows: tf.tensor1d(takeRows(weights.itemBias, batch.items, 1)),
          w: tf.tensor2d(weights.w.slice(), [dim, dim]),
          offset: tf.tensor1d(weights.userOffset.slice()),
        }
        const inputs = stepInputs(tf, batch)
        // tf.grads refuses inputs that do not reach the loss, so frozen or absent parts stay constants.
        for (const name of Object.keys(trained) as ParamName[]) if (trained[name] && params[name]) names.push(name)
        if (names.length === 0) return { loss: stepLoss(tf, params, inputs, l2), grads: [] }
        const f = (...xs: Tensor[]) => {
          const p = { ...params }
          names.forEach((name, i) => (p[name] = xs[i]))
          return stepLoss(tf, p, inputs, l2)
        }
        const { value, grads } = tf.valueAndGrads(f)(names.map((name) => params[name] as Tensor))
        return { loss: value as Scalar, grads }
      })
      const [lossData, ...gradData] = await Promise.all([result.loss.data(), ...result.grads.map((g) => g.data())])
      const loss = lossData[0]
      if (!Number.isFinite(loss) || gradData.some((g) => !allFinite(g as Float32Array))) {
        throw new Error(`Trainer.step: the loss or its gradient is not finite (loss ${loss}); the weights were left unchanged. Lower learningRate or check the weights for NaN.`)
      }
      if (trained.itemRows || trained.biasRows) {
        for (const r of batch.items) if (!touched[r]) (touched[r] = 1), touchedRows.push(r)
      }
      if (names.includes('tokRows')) changedShared.tokens = true
      if (names.includes('w')) changedShared.w = true
      if (names.includes('offset')) changedShared.offset = true
      names.forEach((name, i) => {
        const g = gradData[i] as Float32Array
        if (name === 'itemRows') adagradRows(weights.itemEmb, acc.itemAcc, g, batch.items, dim, learningRate, EPSILON)
        else if (name === 'tokRows') adagradRows(weights.tokenEmb, acc.tokenAcc, g, batch.tokens, dim, learningRate, EPSILON)
        else if (name === 'biasRows') adagradRows(weights.itemBias, acc.biasAcc, g, batch.items, 1, learningRate, EPSILON)
        else if (name === 'w') adagradRows(weights.w, acc.wAcc, g, undefined, dim, learningRate, EPSILON)
        else adagradRows(weights.userOffset, acc.offsetAcc, g, undefined, dim, learningRate, EPSILON)
      })
      return loss
    } finally {
      if (result) tf.dispose([result.loss, ...result.grads])
      busy = false
    }
  }

  const self: Trainer = {
    step,
    state: () => ({
      itemAcc: acc.itemAcc.slice(),
      tokenAcc: acc.tokenAcc.slice(),
      biasAcc: acc.biasAcc.slice(),
      wAcc: acc.wAcc.slice(),
      offsetAcc: acc.offsetAcc.slice(),
    }),
    liveState: () => acc,
    takeChanges() {
      const rows = Int32Array.from(touchedRows).sort()
      const out = { rows, ...changedShared }
      if (touched.length !== weights.itemIds.length) touched = new Uint8Array(weights.itemIds.length)
      else for (const r of touchedRows) touched[r] = 0
      touchedRows = []
      changedShared.tokens = changedShared.w = changedShared.offset = false
      return out
    },
    dispose: () => {
      disposed = true
    },
  }
  return self
}

/** Copies rows `rows` of a row-major table of the given width into a new packed array. */
function takeRows(table: Float32Array, rows: Int32Array, width: number): Float32Array {
  const out = new Float32Array(rows.length * width)
  for (let r = 0; r < rows.length; r++) out.set(table.subarray(rows[r] * width, rows[r] * width + width), r * width)
  return out
}

function allFinite(values: Float32Array): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) return false
  return true
}

function scaled(values: Float32Array, scale: number): Float32Array {
  for (let i = 0; i < values.length; i++) values[i] *= scale
  return values
}
