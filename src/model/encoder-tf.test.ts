import { describe, expect, it } from 'vitest'
import { encodePositions, encodeSequence, initEncoder, type EncoderConfig } from '../core/encoder'
import { createRandom } from '../core/random'
import { catalogueLogSumExp, encodeBatch, matMul, sequenceLoss } from './encoder-tf'
import { buildSeqBatch } from './seq-batch'
import { seqInputs } from './seq-trainer'
import { tf } from './test-env'

function randomEncoder(config: EncoderConfig, seed: number) {
  const enc = initEncoder(config, seed)
  const random = createRandom(seed)
  // Larger than the initialisation, so every term of the forward pass matters to the comparison.
  for (const a of Object.values(enc.params)) for (let i = 0; i < a.length; i++) a[i] += (random() * 2 - 1) * 0.5
  return enc
}

function tensors(params: Record<string, Float32Array>, config: EncoderConfig) {
  const out: Record<string, ReturnType<typeof tf.tensor>> = {}
  for (const [k, v] of Object.entries(params)) out[k] = k === 'pos' ? tf.tensor2d(v, [config.maxLen, config.dim]) : k === 'type' || /\.w/.test(k) ? tf.tensor2d(v, [v.length / config.dim, config.dim]) : tf.tensor1d(v)
  return out
}

describe('sequence encoder', () => {
  for (const heads of [1, 2]) {
    it(`plain-TS inference equals the tfjs forward pass at every prefix (${heads} head${heads > 1 ? 's' : ''}, 2 blocks)`, () => {
      const config: EncoderConfig = { dim: 8, maxLen: 6, blocks: 2, heads }
      const enc = randomEncoder(config, 3 + heads)
      const items = 12
      const random = createRandom(9)
      const vectors = Float32Array.from({ length: items * config.dim }, () => random() * 2 - 1)
      const seqs = [
        { items: [1, 4, 2, 7, 3], types: [1, 1, 4, 2, 0] },
        { items: [5, 6, 11], types: [5, 5, 5] },
      ]
      const before = tf.memory().numTensors
      const hidden = tf.tidy(() => {
        const batch = buildSeqBatch(seqs, config.maxLen)
        const inputs = seqInputs(tf, batch)
        return encodeBatch(tf, config, tensors(enc.params, config), tf.tensor2d(vectors, [items, config.dim]), inputs)
      })
      const h = hidden.dataSync()
      const length = 4 // the longest input window: 5 items, the last is only a target
      seqs.forEach((s, b) => {
        for (let r = 0; r < s.items.length - 1; r++) {
          const ts = encodeSequence(enc, vectors, s.items.slice(0, r + 1), s.types.slice(0, r + 1))
          const tfRow = h.slice((b * length + r) * config.dim, (b * length + r + 1) * config.dim)
          for (let d = 0; d < config.dim; d++) expect(Math.abs(ts[d] - tfRow[d])).toBeLessThan(1e-4)
        }
        // Every position at once (what the on-device fine-tune's loss reads): the same rows.
        const inputs = s.items.length - 1
        const all = encodePositions(enc, vectors, s.items.slice(0, inputs), s.types.slice(0, inputs))
        expect(all.length).toBe(inputs * config.dim)
        for (let i = 0; i < all.length; i++) expect(Math.abs(all[i] - h[b * length * config.dim + i])).toBeLessThan(1e-4)
      })
      hidden.dispose()
      expect(tf.memory().numTensors).toBe(before)
    })
  }

  it('loss is the mean next-item cross-entropy over real positions (hand-computed case)', () => {
    // One block with every weight zero: attention and FFN add nothing but LayerNorm of (x + 0).
    // With zero item vectors, pos/type rows decide the hidden state; zero LN gain makes h = LN bias.
    const config: EncoderConfig = { dim: 2, maxLen: 4, blocks: 1, heads: 1 }
    const enc = initEncoder(config, 1)
    for (const [k, a] of Object.entries(enc.params)) if (!k.endsWith('.b')) a.fill(0)
    enc.params['b0.ln2.b'].set([1, 0]) // every hidden state is h = (1, 0)
    const vectors = new Float32Array([0, 0, 2, 0, 0, 1]) // item 0: (0,0), item 1: (2,0), item 2: (0,1)
    const bias = new Float32Array([0, 0, Math.log(2)])
    // logits for h = (1,0): [0, 2, ln 2]; log-sum-exp = ln(1 + e^2 + 2)
    const lse = Math.log(3 + Math.exp(2))
    // sequence 0 -> 1 -> 2: targets 1 (logit 2) and 2 (logit ln 2)
    const expected = ((lse - 2) + (lse - Math.log(2))) / 2
    const loss = tf.tidy(() => {
      const inputs = seqInputs(tf, buildSeqBatch([{ items: [0, 1, 2], types: [0, 0, 0] }], config.maxLen))
      return sequenceLoss(tf, config, tensors(enc.params, config), tf.tensor2d(vectors, [3, 2]), tf.tensor1d(bias), inputs).dataSync()[0]
    })
    expect(loss).toBeCloseTo(expected, 5)
  })
})

describe('hand-written gradients', () => {
  const close = (a: Float32Array | Int32Array | Uint8Array, b: Float32Array | Int32Array | Uint8Array) => {
    expect(a.length).toBe(b.length)
    for (let i = 0; i < a.length; i++) expect(Math.abs(a[i] - b[i])).toBeLessThan(1e-4)
  }
  it('catalogue log-sum-exp matches tfjs logSumExp of h v^T + b, value and gradients', () => {
    const r = createRandom(4)
    const h = tf.tensor2d(Float32Array.from({ length: 5 * 3 }, () => r() * 2 - 1), [5, 3])
    const v = tf.tensor2d(Float32Array.from({ length: 7 * 3 }, () => r() * 2 - 1), [7, 3])
    const b = tf.tensor1d(Float32Array.from({ length: 7 }, () => r()))
    const w = tf.tensor1d(Float32Array.from({ length: 5 }, () => r())) // a weighted sum, so dy is not all ones
    const ours = tf.valueAndGrads((x: any, y: any, z: any) => tf.sum(tf.mul(catalogueLogSumExp(tf, x, y, z), w)))([h, v, b])
    const ref = tf.valueAndGrads((x: any, y: any, z: any) => tf.sum(tf.mul(tf.logSumExp(tf.add(tf.matMul(x, y, false, true), z), 1), w)))([h, v, b])
    close(ours.value.dataSync(), ref.value.dataSync())
    ours.grads.forEach((g, i) => close(g.dataSync(), ref.grads[i].dataSync()))
  })
  it('plain-layout matMul has tfjs matMul gradients (2-D and batched)', () => {
    const r = createRandom(5)
    for (const [sa, sb] of [[[4, 3], [3, 5]], [[2, 4, 3], [2, 3, 5]]]) {
      const a = tf.tensor(Float32Array.from({ length: sa.reduce((x, y) => x * y) }, () => r() * 2 - 1), sa)
      const b = tf.tensor(Float32Array.from({ length: sb.reduce((x, y) => x * y) }, () => r() * 2 - 1), sb)
      const probe = tf.tensor(Float32Array.from({ length: (sa.length === 3 ? 2 : 1) * 4 * 5 }, () => r()), sa.length === 3 ? [2, 4, 5] : [4, 5])
      const ours = tf.grads((x: any, y: any) => tf.sum(tf.mul(matMul(tf, x, y), probe)))([a, b])
      const ref = tf.grads((x: any, y: any) => tf.sum(tf.mul(tf.matMul(x, y), probe)))([a, b])
      ours.forEach((g, i) => close(g.dataSync(), ref[i].dataSync()))
    }
  })
})
