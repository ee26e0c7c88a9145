import type { Scalar, Tensor } from '@tensorflow/tfjs-core'
import type { Batch } from './batch'
import { gatherRows } from './gather-rows'
import type { TF } from './tf-types'

/** The parameter rows a step reads, as tensors. `tokRows` is absent when no used item has tokens. */
export interface StepParams {
  /** [|U| x D] */
  itemRows: Tensor
  /** [|T| x D] */
  tokRows?: Tensor
  /** [|U|] */
  biasRows: Tensor
  /** [D x D] */
  w: Tensor
  /** [D] */
  offset: Tensor
}

/** The index side of a batch as tensors (see `Batch`); all constants. */
export interface StepInputs {
  itemTokIdx: Tensor
  itemTokW: Tensor
  ctxIdx: Tensor
  ctxW: Tensor
  candIdx: Tensor
  logitConst: Tensor
  /** [1 x (1+K)], 1 in column 0: picks the target's log-probability without a slice kernel. */
  targetPick: Tensor
}

/** Uploads a batch's index tables; call inside a tidy. */
export function stepInputs(tf: TF, batch: Batch): StepInputs {
  const u = batch.items.length
  const b = batch.size
  const pick = new Float32Array(batch.candidates)
  pick[0] = 1
  return {
    itemTokIdx: tf.tensor2d(batch.itemTokIdx, [u, batch.maxTokens], 'int32'),
    itemTokW: tf.tensor3d(batch.itemTokW, [u, batch.maxTokens, 1]),
    ctxIdx: tf.tensor2d(batch.ctxIdx, [b, batch.contextLength], 'int32'),
    ctxW: tf.tensor3d(batch.ctxW, [b, batch.contextLength, 1]),
    candIdx: tf.tensor2d(batch.candIdx, [b, batch.candidates], 'int32'),
    logitConst: tf.tensor2d(batch.logitConst, [b, batch.candidates]),
    targetPick: tf.tensor2d(pick, [1, batch.candidates]),
  }
}

/**
 * Sampled-softmax loss of a batch (mean over examples) plus `l2` x (sum of squares of the item rows,
 * token rows and user offset) / B. Scaling the penalty by 1/B keeps its strength per example the same
 * whatever the batch size. Differentiable w.r.t. every tensor in `params`.
 */
export function stepLoss(tf: TF, params: StepParams, inputs: StepInputs, l2: number): Scalar {
  const { itemRows, tokRows, biasRows, w, offset } = params
  const batchSize = inputs.ctxIdx.shape[0]
  // Item vectors: learned row + TF-IDF mix of token rows.
  let v = itemRows
  if (tokRows) v = tf.add(v, tf.sum(tf.mul(gatherRows(tf, tokRows, inputs.itemTokIdx), inputs.itemTokW), 1))
  const h = tf.sum(tf.mul(gatherRows(tf, v, inputs.ctxIdx), inputs.ctxW), 1)
  const user = tf.add(tf.matMul(h, w), offset)
  const cands = gatherRows(tf, v, inputs.candIdx)
  const dots = tf.sum(tf.mul(cands, tf.expandDims(user, 1)), 2)
  const logits = tf.add(tf.add(dots, gatherRows(tf, biasRows, inputs.candIdx)), inputs.logitConst)
  const targetLogProb = tf.sum(tf.mul(tf.logSoftmax(logits), inputs.targetPick))
  let loss = tf.mul(targetLogProb, tf.scalar(-1 / batchSize))
  if (l2 > 0) {
    let squares = tf.add(tf.sum(tf.square(itemRows)), tf.sum(tf.square(offset)))
    if (tokRows) squares = tf.add(squares, tf.sum(tf.square(tokRows)))
    loss = tf.add(loss, tf.mul(squares, tf.scalar(l2 / batchSize)))
  }
  return loss as Scalar
}
