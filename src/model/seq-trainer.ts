// Training of the sequence model (item table + token rows + biases + encoder) with Adam: one
// implementation for the shop's pretraining in Node and the on-device fine-tune.
import type { Tensor } from '@tensorflow/tfjs-core'
import { encoderShapes, type EncoderWeights } from '../core/encoder'
import type { ContentFeatures, ModelWeights } from '../core/types'
import { itemVectors } from '../core/vectors'
import { adamUpdate } from './adam'
import { dropoutSites, sequenceLoss, type SeqInputs } from './encoder-tf'
import { buildSeqBatch, sampleClasses, type SeqBatch, type Sequence } from './seq-batch'
import type { TFSeq } from './tf-types'

export interface SeqTrainerOptions {
  learningRate: number
  /** Dropout rate at every dropout site (0 = none). */
  dropout: number
  /** Decoupled weight decay (AdamW). */
  weightDecay?: number
  /** Which parts learn (default all). */
  trainItems?: boolean
  trainTokens?: boolean
  trainBias?: boolean
  trainEncoder?: boolean
  /**
   * Sampled softmax: this many uniform negatives beside the batch's targets (see sampleClasses);
   * 0 or absent = full softmax over the catalogue.
   */
  negatives?: number
  /** Each item's share of the training targets (for the sampled softmax's log-q correction). */
  targetShare?: Float32Array
}

export interface SeqTrainer {
  /**
   * One Adam step on the sequences; resolves to the mean loss. Mutates the weights in place.
   * `forced`: items that are classes of every row beside the targets (explicit negatives). Given
   * (even empty), the step's classes are only the targets, these and the trainer's `negatives`
   * uniform draws; absent (and `negatives` 0), the whole catalogue.
   */
  step(sequences: Sequence[], random: () => number, forced?: ArrayLike<number>): Promise<number>
  /** Steps taken so far. */
  steps(): number
}

interface Slot {
  name: string
  param: Float32Array
  m: Float32Array
  v: Float32Array
}

function slot(name: string, param: Float32Array): Slot {
  return { name, param, m: new Float32Array(param.length), v: new Float32Array(param.length) }
}

/** Uploads a batch's index tables; call inside a tidy. */
export function seqInputs(tf: TFSeq, batch: SeqBatch, dropout?: Float32Array[], dim?: number): SeqInputs {
  const n = batch.size * batch.length
  return {
    size: batch.size,
    length: batch.length,
    items: tf.tensor1d(batch.items, 'int32'),
    positions: tf.tensor1d(batch.positions, 'int32'),
    types: tf.tensor1d(batch.types, 'int32'),
    causal: tf.tensor2d(batch.causal, [batch.length, batch.length]),
    rows: tf.tensor1d(batch.rows, 'int32'),
    targets: tf.tensor1d(batch.targets, 'int32'),
    dropout: dropout?.map((mask) => tf.tensor2d(mask, [n, dim!])),
  }
}

export function createSeqTrainer(tf: TFSeq, weights: ModelWeights, features: ContentFeatures, options: SeqTrainerOptions): SeqTrainer {
  const encoder: EncoderWeights | undefined = weights.encoder
  if (!encoder) throw new Error('createSeqTrainer: the weights have no encoder; initialise one with initEncoder().')
  const { config } = encoder
  const dim = weights.dim
  const names = encoderShapes(config)
  const encoderSlots = options.trainEncoder === false ? [] : names.map(([name]) => slot(name, encoder.params[name]))
  const trainItems = options.trainItems ?? true
  const trainTokens = options.trainTokens ?? true
  const trainBias = options.trainBias ?? true
  const trainEncoder = options.trainEncoder ?? true
  // Optimiser state only for what learns (a per-shopper fine-tune allocates no catalogue-sized moments it never uses).
  const empty = new Float32Array(0)
  const itemSlot = trainItems ? slot('items', weights.itemEmb) : slot('items', empty)
  const tokenSlot = trainTokens ? slot('tokens', weights.tokenEmb) : slot('tokens', empty)
  const biasSlot = slot('bias', weights.itemBias)
  let taken = 0

  const enc = encoder
  async function step(sequences: Sequence[], random: () => number, forced?: ArrayLike<number>): Promise<number> {
    const batch = buildSeqBatch(sequences, config.maxLen)
    if (batch.rows.length === 0) return 0
    // Given `forced` (even empty), the classes are the batch's targets, the forced items and any
    // uniform negatives: a fine-tune then never touches the logits of items it is not about.
    const sampled = options.negatives || forced !== undefined
      ? sampleClasses(batch, weights.itemIds.length, options.negatives ?? 0, options.targetShare ?? new Float32Array(weights.itemIds.length), random, forced)
      : undefined
    const vectors = itemVectors(weights, features)
    const n = weights.itemIds.length
    const p = options.dropout
    const cells = batch.size * batch.length * dim
    const masks: Float32Array[] | undefined = p > 0 ? [] : undefined
    if (masks) {
      const keep = 1 / (1 - p)
      for (let s = 0; s < dropoutSites(config); s++) {
        const mask = new Float32Array(cells)
        for (let i = 0; i < cells; i++) mask[i] = random() < p ? 0 : keep
        masks.push(mask)
      }
    }
    const { loss, grads } = tf.tidy(() => {
      const params: Record<string, Tensor> = {}
      for (const [name, shape] of names) params[name] = shape.length === 1 ? tf.tensor1d(enc.params[name]) : tf.tensor2d(enc.params[name], shape as [number, number])
      const v = tf.tensor2d(vectors, [n, dim])
      const bias = tf.tensor1d(weights.itemBias)
      const inputs = seqInputs(tf, batch, masks, dim)
      if (sampled) {
        inputs.candidates = tf.tensor1d(sampled.candidates, 'int32')
        inputs.logQ = tf.tensor1d(sampled.logQ)
      }
      const encoderNames = trainEncoder ? names.map(([name]) => name) : []
      const f = (...xs: Tensor[]) => {
        const ps = { ...params }
        encoderNames.forEach((name, i) => (ps[name] = xs[i + 2]))
        return sequenceLoss(tf, config, ps, xs[0], xs[1], inputs)
      }
      const { value, grads } = tf.valueAndGrads(f)([v, bias, ...encoderNames.map((name) => params[name])])
      return { loss: value, grads }
    })
    try {
      const [lossData, ...gradData] = (await Promise.all([loss.data(), ...grads.map((g) => g.data())])) as Float32Array[]
      const value = lossData[0]
      if (!Number.isFinite(value)) throw new Error(`SeqTrainer.step: the loss is not finite (${value}); the weights were left unchanged. Lower the learning rate.`)
      taken++
      const lr = options.learningRate
      const decay = options.weightDecay ?? 0
      const dV = gradData[0]
      if (trainItems) adamUpdate(weights.itemEmb, dV, itemSlot.m, itemSlot.v, taken, lr, decay)
      if (trainTokens) {
        // The token rows' gradient: each item's vector gradient, spread over its tokens by weight.
        const g = new Float32Array(weights.tokenEmb.length)
        const { maxTokens, tokenIds, tokenWeights } = features
        for (let i = 0; i < n; i++) {
          for (let t = i * maxTokens, end = t + maxTokens; t < end; t++) {
            const w = tokenWeights[t]
            if (w === 0) continue
            const r = tokenIds[t] * dim
            for (let d = 0; d < dim; d++) g[r + d] += w * dV[i * dim + d]
          }
        }
        adamUpdate(weights.tokenEmb, g, tokenSlot.m, tokenSlot.v, taken, lr, decay)
      }
      if (trainBias) adamUpdate(weights.itemBias, gradData[1], biasSlot.m, biasSlot.v, taken, lr)
      encoderSlots.forEach((s, i) => {
        // No decay on LayerNorm gains and biases (as BERT/AdamW).
        const isMatrix = names[i][1].length === 2
        adamUpdate(s.param, gradData[i + 2], s.m, s.v, taken, lr, isMatrix ? decay : 0)
      })
      return value
    } finally {
      tf.dispose([loss, ...grads])
    }
  }

  return { step, steps: () => taken }
}
