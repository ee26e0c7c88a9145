// The encoder's forward pass and next-item loss in tfjs, for training. The same math as
// src/core/encoder.ts (inference in plain TS); src/model/encoder-tf.test.ts keeps them equal.
import type { Scalar, Tensor } from '@tensorflow/tfjs-core'
import { LN_EPSILON, type EncoderConfig } from '../core/encoder'
import { gatherRows } from './gather-rows'
import type { TFSeq } from './tf-types'

/** A batch of right-padded sequences, flattened to B*L slots (see seq-batch.ts). */
export interface SeqInputs {
  /** Sequences (B) and slots per sequence (L). */
  size: number
  length: number
  /** [B*L] item row per slot (pads: 0, never read by a loss row). */
  items: Tensor
  /** [B*L] position (0 = oldest in the window) and event type per slot. */
  positions: Tensor
  types: Tensor
  /** [L x L] additive causal mask: 0 where a slot may attend, -1e4 where not. */
  causal: Tensor
  /** [N] slots whose next item is a training target, and [N] those targets. */
  rows: Tensor
  targets: Tensor
  /** Multipliers for the dropout sites ([B*L x d] each: 0 or 1/(1-p)); absent at inference. */
  dropout?: Tensor[]
  /** [N x classes] additive logit terms (e.g. -1e4 to mask an item), optional. */
  logitMask?: Tensor
  /**
   * Sampled softmax: the item rows that are the classes ([C]; the full catalogue when absent) and
   * each one's log-probability of being sampled ([C]), subtracted from its logit (the log-q
   * correction, so the sampled loss estimates the full one). `targets` then index into `candidates`.
   */
  candidates?: Tensor
  logQ?: Tensor
}

function layerNorm(tf: TFSeq, x: Tensor, g: Tensor, b: Tensor): Tensor {
  const mean = tf.mean(x, -1, true)
  const centred = tf.sub(x, mean)
  const variance = tf.mean(tf.square(centred), -1, true)
  return tf.add(tf.mul(tf.mul(centred, tf.rsqrt(tf.add(variance, tf.scalar(LN_EPSILON)))), g), b)
}

/** Swaps the last two axes. */
function swap(tf: TFSeq, x: Tensor): Tensor {
  return x.rank === 2 ? tf.transpose(x) : tf.transpose(x, [0, 2, 1])
}

/**
 * a x b (2-D or batched 3-D) whose gradient multiplies only plain layouts: tfjs's own gradient
 * uses transposed-operand products, ~10x slower on wasm (see catalogueLogSumExp).
 */
export function matMul(tf: TFSeq, a: Tensor, b: Tensor): Tensor {
  const op = tf.customGrad((x, y, save) => {
    ;(save as (ts: Tensor[]) => void)([x as Tensor, y as Tensor])
    return {
      value: tf.matMul(x as Tensor, y as Tensor),
      gradFunc: (dy: Tensor, [xs, ys]: Tensor[]) => [tf.matMul(dy, swap(tf, ys)), tf.matMul(swap(tf, xs), dy)],
    }
  })
  return op(a, b)
}

function dense(tf: TFSeq, x: Tensor, w: Tensor, b: Tensor): Tensor {
  return tf.add(matMul(tf, x, w), b)
}

/** [B*L x d] -> [B*heads x L x d/heads] */
function splitHeads(tf: TFSeq, x: Tensor, size: number, length: number, heads: number, dh: number): Tensor {
  if (heads === 1) return tf.reshape(x, [size, length, dh])
  return tf.reshape(tf.transpose(tf.reshape(x, [size, length, heads, dh]), [0, 2, 1, 3]), [size * heads, length, dh])
}

function joinHeads(tf: TFSeq, x: Tensor, size: number, length: number, heads: number, dh: number): Tensor {
  if (heads === 1) return tf.reshape(x, [size * length, dh])
  return tf.reshape(tf.transpose(tf.reshape(x, [size, heads, length, dh]), [0, 2, 1, 3]), [size * length, heads * dh])
}

/** Hidden states of every slot, [B*L x d]. `vectors` [items x d] are the item vectors (tied). */
export function encodeBatch(tf: TFSeq, config: EncoderConfig, params: Record<string, Tensor>, vectors: Tensor, inputs: SeqInputs): Tensor {
  const { dim: d, blocks, heads } = config
  const { size: B, length: L } = inputs
  const drop = (x: Tensor, site: number) => (inputs.dropout ? tf.mul(x, inputs.dropout[site]) : x)
  let x = tf.add(tf.add(gatherRows(tf, vectors, inputs.items), gatherRows(tf, params.pos, inputs.positions)), gatherRows(tf, params.type, inputs.types))
  x = drop(layerNorm(tf, x, params['ln0.g'], params['ln0.b']), 0)
  const dh = d / heads
  const scale = tf.scalar(1 / Math.sqrt(dh))
  for (let b = 0; b < blocks; b++) {
    const q = splitHeads(tf, dense(tf, x, params[`b${b}.wq`], params[`b${b}.bq`]), B, L, heads, dh)
    const k = splitHeads(tf, dense(tf, x, params[`b${b}.wk`], params[`b${b}.bk`]), B, L, heads, dh)
    const v = splitHeads(tf, dense(tf, x, params[`b${b}.wv`], params[`b${b}.bv`]), B, L, heads, dh)
    const attention = tf.softmax(tf.add(tf.mul(matMul(tf, q, swap(tf, k)), scale), inputs.causal))
    const ctx = joinHeads(tf, matMul(tf, attention, v), B, L, heads, dh)
    const o = drop(dense(tf, ctx, params[`b${b}.wo`], params[`b${b}.bo`]), 1 + 2 * b)
    x = layerNorm(tf, tf.add(x, o), params[`b${b}.ln1.g`], params[`b${b}.ln1.b`])
    const f = drop(dense(tf, tf.relu(dense(tf, x, params[`b${b}.w1`], params[`b${b}.b1`])), params[`b${b}.w2`], params[`b${b}.b2`]), 2 + 2 * b)
    x = layerNorm(tf, tf.add(x, f), params[`b${b}.ln2.g`], params[`b${b}.ln2.b`])
  }
  return x
}

/** Dropout sites encodeBatch multiplies: the embedding, then two per block. */
export function dropoutSites(config: EncoderConfig): number {
  return 1 + 2 * config.blocks
}

/**
 * log-sum-exp over the catalogue of logits = hidden . vectors^T + bias (+ mask), per row, as one
 * op with a hand-written gradient. Why: the wasm backend's matMul with a transposed operand is ~10x
 * slower than a plain one (XNNPACK takes only the plain layout: 980 ms against 136 ms for
 * [1024 x 64] x [64 x 12k]), tfjs's own matMul gradient uses exactly those transposed forms, and
 * logSumExp's gradient runs through max's Equal mask (3.4 s of a 10 s step). Here every product is
 * plain (the small operands are transposed explicitly) and the gradient is softmax x dy.
 */
export function catalogueLogSumExp(tf: TFSeq, hidden: Tensor, vectors: Tensor, bias: Tensor, mask?: Tensor): Tensor {
  const op = tf.customGrad((h, v, b, save) => {
    let logits = tf.add(tf.matMul(h as Tensor, tf.transpose(v as Tensor)), b as Tensor)
    if (mask) logits = tf.add(logits, mask)
    const max = tf.max(logits, 1, true)
    const e = tf.exp(tf.sub(logits, max))
    const total = tf.sum(e, 1, true)
    ;(save as (ts: Tensor[]) => void)([e, total, h as Tensor, v as Tensor])
    return {
      value: tf.reshape(tf.add(tf.log(total), max), [-1]),
      gradFunc: (dy: Tensor, saved: Tensor[]) => {
        const [es, sum, hs, vs] = saved
        const dLogits = tf.mul(es, tf.div(tf.expandDims(dy, 1), sum))
        // The bias gradient as a product too: wasm's Sum over axis 0 transposes the whole matrix first.
        const ones = tf.tensor2d(new Float32Array(dLogits.shape[0]).fill(1), [1, dLogits.shape[0]])
        return [tf.matMul(dLogits, vs), tf.transpose(tf.matMul(tf.transpose(hs), dLogits)), tf.reshape(tf.matMul(ones, dLogits), [-1])]
      },
    }
  })
  return op(hidden, vectors, bias)
}

/**
 * Mean next-item softmax cross-entropy over the target rows, with the full catalogue as classes:
 * only the rows that have a target reach the [N x items] product (packed, never padded).
 * logit(j) = h . vectors[j] + bias[j].
 */
export function sequenceLoss(tf: TFSeq, config: EncoderConfig, params: Record<string, Tensor>, allVectors: Tensor, allBias: Tensor, inputs: SeqInputs): Scalar {
  let vectors = allVectors
  let bias = allBias
  const hidden = gatherRows(tf, encodeBatch(tf, config, params, allVectors, inputs), inputs.rows)
  if (inputs.candidates) {
    vectors = gatherRows(tf, vectors, inputs.candidates)
    bias = tf.sub(gatherRows(tf, bias, inputs.candidates), inputs.logQ!)
  }
  const targetLogit = tf.add(tf.sum(tf.mul(hidden, gatherRows(tf, vectors, inputs.targets)), 1), gatherRows(tf, bias, inputs.targets))
  return tf.mean(tf.sub(catalogueLogSumExp(tf, hidden, vectors, bias, inputs.logitMask), targetLogit)) as Scalar
}
