// The shopper encoder's inference in plain TypeScript: a causal self-attention sequence encoder
// (SASRec-style, post-LN blocks) over the shopper's recent items. The widget ranks with it at first
// paint, and the eval and pretrain's validation score through it, so there is one scoring path;
// src/model/encoder-tf.ts is the same math in tfjs for training (a unit test keeps them equal).
import { createRandom } from './random'

/** Shape of the encoder. */
export interface EncoderConfig {
  dim: number
  /** Longest sequence (L): the most recent L items are encoded. */
  maxLen: number
  blocks: number
  heads: number
}

/** Parameters by name (see `encoderShapes`), row-major. */
export interface EncoderWeights {
  config: EncoderConfig
  params: Record<string, Float32Array>
}

/**
 * Event types the encoder tells apart (an input embedding each). Index 0 is any other interest
 * type, so a shop's custom types still encode.
 */
export const ENCODER_TYPES = ['other', 'view', 'click', 'cart', 'purchase', 'review'] as const
const TYPE_INDEX = new Map<string, number>(ENCODER_TYPES.map((t, i) => [t, i]))

/** Input row of an event type. */
export function encoderType(type: string): number {
  return TYPE_INDEX.get(type) ?? 0
}

/** LayerNorm epsilon, the same in tfjs. */
export const LN_EPSILON = 1e-6

/** Every parameter's name and shape, in a fixed order (the files and the optimiser follow it). */
export function encoderShapes(config: EncoderConfig): [string, number[]][] {
  const { dim: d, maxLen, blocks } = config
  const shapes: [string, number[]][] = [['pos', [maxLen, d]], ['type', [ENCODER_TYPES.length, d]], ['ln0.g', [d]], ['ln0.b', [d]]]
  for (let b = 0; b < blocks; b++) {
    for (const m of ['q', 'k', 'v', 'o']) shapes.push([`b${b}.w${m}`, [d, d]], [`b${b}.b${m}`, [d]])
    shapes.push([`b${b}.ln1.g`, [d]], [`b${b}.ln1.b`, [d]])
    shapes.push([`b${b}.w1`, [d, d]], [`b${b}.b1`, [d]], [`b${b}.w2`, [d, d]], [`b${b}.b2`, [d]])
    shapes.push([`b${b}.ln2.g`, [d]], [`b${b}.ln2.b`, [d]])
  }
  return shapes
}

/** Fresh encoder: N(0, 0.02)-like uniform weights (as BERT/SASRec initialise), LayerNorm gain 1, biases 0. */
export function initEncoder(config: EncoderConfig, seed = 1): EncoderWeights {
  if (config.dim % config.heads !== 0) throw new Error(`encoder: dim ${config.dim} must be a multiple of heads ${config.heads}`)
  const random = createRandom(seed ^ 0x5eed)
  const params: Record<string, Float32Array> = {}
  for (const [name, shape] of encoderShapes(config)) {
    const a = new Float32Array(shape.reduce((x, y) => x * y, 1))
    if (name.endsWith('.g')) a.fill(1)
    else if (shape.length === 2) for (let i = 0; i < a.length; i++) a[i] = (random() * 2 - 1) * 0.02 * Math.sqrt(3)
    params[name] = a
  }
  return { config: { ...config }, params }
}

export function cloneEncoder(e: EncoderWeights): EncoderWeights {
  const params: Record<string, Float32Array> = {}
  for (const [k, v] of Object.entries(e.params)) params[k] = v.slice()
  return { config: { ...e.config }, params }
}

function layerNorm(x: Float32Array, rows: number, d: number, g: Float32Array, b: Float32Array): void {
  for (let r = 0; r < rows; r++) {
    const o = r * d
    let mean = 0
    for (let i = 0; i < d; i++) mean += x[o + i]
    mean /= d
    let v = 0
    for (let i = 0; i < d; i++) v += (x[o + i] - mean) ** 2
    const inv = 1 / Math.sqrt(v / d + LN_EPSILON)
    for (let i = 0; i < d; i++) x[o + i] = (x[o + i] - mean) * inv * g[i] + b[i]
  }
}

/** out[r] = x[r] W + bias for rows from..rows-1 (W is [d x d], row-major: input index major). */
function linear(x: Float32Array, from: number, rows: number, d: number, w: Float32Array, bias: Float32Array): Float32Array {
  const out = new Float32Array(rows * d)
  for (let r = from; r < rows; r++) {
    const o = r * d
    out.set(bias, o)
    for (let i = 0; i < d; i++) {
      const xi = x[o + i]
      if (xi === 0) continue
      const wo = i * d
      for (let j = 0; j < d; j++) out[o + j] += xi * w[wo + j]
    }
  }
  return out
}

/**
 * The encoder's output at the last position for a sequence (oldest first; the last `maxLen` are
 * used): the shopper vector that scores every item as user . itemVector + bias.
 * `vectors` are the item vectors [items x dim] (tied with the output side).
 */
export function encodeSequence(enc: EncoderWeights, vectors: Float32Array, items: ArrayLike<number>, types: ArrayLike<number>): Float32Array {
  const d = enc.config.dim
  const x = encode(enc, vectors, items, types, true)
  return x.length ? x.slice(x.length - d) : new Float32Array(d)
}

/**
 * The encoder's output at every position of the last `maxLen` items, [n x dim]: row r is the
 * shopper vector after items 0..r (causal), the one that predicts item r + 1. The on-device
 * fine-tune's loss reads these (seq-fine-tune.ts): the same numbers as tfjs's encodeBatch.
 */
export function encodePositions(enc: EncoderWeights, vectors: Float32Array, items: ArrayLike<number>, types: ArrayLike<number>): Float32Array {
  return encode(enc, vectors, items, types, false)
}

/** Hidden states [n x dim]; with `lastOnly`, the last block computes only the last row (the others stay 0). */
function encode(enc: EncoderWeights, vectors: Float32Array, items: ArrayLike<number>, types: ArrayLike<number>, lastOnly: boolean): Float32Array {
  const { dim: d, maxLen, blocks, heads } = enc.config
  const p = enc.params
  const start = Math.max(0, items.length - maxLen)
  const n = items.length - start
  if (n === 0) return new Float32Array(0)
  let x: Float32Array = new Float32Array(n * d)
  for (let r = 0; r < n; r++) {
    const v = items[start + r] * d, t = types[start + r] * d, o = r * d
    for (let i = 0; i < d; i++) x[o + i] = vectors[v + i] + p.pos[r * d + i] + p.type[t + i]
  }
  layerNorm(x, n, d, p['ln0.g'], p['ln0.b'])
  const dh = d / heads
  const scale = 1 / Math.sqrt(dh)
  const att = new Float32Array(n)
  for (let b = 0; b < blocks; b++) {
    // The last block only needs the last position's output (keys and values still span all).
    const from = lastOnly && b === blocks - 1 ? n - 1 : 0
    const q = linear(x, from, n, d, p[`b${b}.wq`], p[`b${b}.bq`])
    const k = linear(x, 0, n, d, p[`b${b}.wk`], p[`b${b}.bk`])
    const v = linear(x, 0, n, d, p[`b${b}.wv`], p[`b${b}.bv`])
    const ctx = new Float32Array(n * d)
    for (let r = from; r < n; r++) {
      for (let h = 0; h < heads; h++) {
        const ho = h * dh
        let max = -Infinity
        for (let c = 0; c <= r; c++) {
          let s = 0
          for (let i = 0; i < dh; i++) s += q[r * d + ho + i] * k[c * d + ho + i]
          att[c] = s * scale
          if (att[c] > max) max = att[c]
        }
        let sum = 0
        for (let c = 0; c <= r; c++) sum += att[c] = Math.exp(att[c] - max)
        for (let c = 0; c <= r; c++) {
          const a = att[c] / sum
          for (let i = 0; i < dh; i++) ctx[r * d + ho + i] += a * v[c * d + ho + i]
        }
      }
    }
    const o = linear(ctx, from, n, d, p[`b${b}.wo`], p[`b${b}.bo`])
    for (let i = from * d; i < n * d; i++) o[i] += x[i]
    layerNorm(o.subarray(from * d), n - from, d, p[`b${b}.ln1.g`], p[`b${b}.ln1.b`])
    const f = linear(o, from, n, d, p[`b${b}.w1`], p[`b${b}.b1`])
    for (let i = from * d; i < n * d; i++) if (f[i] < 0) f[i] = 0
    const y = linear(f, from, n, d, p[`b${b}.w2`], p[`b${b}.b2`])
    for (let i = from * d; i < n * d; i++) y[i] += o[i]
    layerNorm(y.subarray(from * d), n - from, d, p[`b${b}.ln2.g`], p[`b${b}.ln2.b`])
    x = y
  }
  return x
}
