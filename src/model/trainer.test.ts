import { beforeAll, describe, expect, it } from 'vitest'
import { contentCosine } from '../core/content'
import type { TrainingExample } from '../core/training'
import type { ContentFeatures, ModelWeights } from '../core/types'
import { itemVectors, scoreAll, userVector } from '../core/vectors'
import { copyWeights, tf, toyModel } from './test-env'
import { createTrainer, createTrainerState } from './trainer'

beforeAll(async () => {
  await tf.setBackend('cpu')
})

/** Items a batch touches (U) and their non-padding token buckets (T). */
function usedRows(features: ContentFeatures, examples: TrainingExample[], negatives: number[]) {
  const items = new Set<number>(negatives)
  for (const ex of examples) [ex.target, ...ex.context].forEach((i) => items.add(i))
  const tokens = new Set<number>()
  for (const i of items) {
    for (let m = 0; m < features.maxTokens; m++) {
      if (features.tokenWeights[i * features.maxTokens + m] !== 0) tokens.add(features.tokenIds[i * features.maxTokens + m])
    }
  }
  return { items, tokens }
}

function changedRows(before: Float32Array, after: Float32Array, width: number): Set<number> {
  const out = new Set<number>()
  for (let i = 0; i < before.length; i++) if (!Object.is(before[i], after[i])) out.add(Math.floor(i / width))
  return out
}

const examples: TrainingExample[] = [
  { context: [3, 7], contextWeights: [0.7, 0.3], target: 12 },
  { context: [12], contextWeights: [1], target: 5 },
  // The target is also among the negatives below (masked) and the context repeats a negative.
  { context: [9, 3, 20], contextWeights: [0.5, 0.3, 0.2], target: 21 },
]
const negatives = [21, 30, 9, 30, 2]

describe('createTrainer', () => {
  it('matches a float64 reference: loss value and finite-difference gradients of every parameter kind', async () => {
    const { features, weights } = toyModel(40, { itemScale: 0.3 })
    const l2 = 0.01
    const gamma = 0.5
    const before = copyWeights(weights)
    const expected = referenceLoss(before, features, examples, negatives, gamma, l2)

    // With every accumulator at A and learningRate sqrt(A), Adagrad's update is
    // sqrt(A) * g / sqrt(A + g^2) = g to float32 precision, so the step's update IS the gradient.
    const A = 1e8
    const state = createTrainerState(weights, A)
    const trainer = createTrainer(tf, weights, features, { learningRate: Math.sqrt(A), l2, contentWeight: gamma }, state)
    const loss = await trainer.step(examples, Int32Array.from(negatives))
    expect(loss).toBeCloseTo(expected, 5)

    const probes: Array<[keyof ModelWeights & ('itemEmb' | 'tokenEmb' | 'itemBias' | 'w' | 'userOffset'), number]> = [
      ['itemEmb', 3 * 8 + 1], // context item
      ['itemEmb', 12 * 8 + 4], // target of one example, context of another
      ['itemEmb', 30 * 8 + 0], // duplicated negative
      ['itemEmb', 21 * 8 + 6], // target that is also a (masked) negative
      ['itemBias', 5],
      ['itemBias', 30],
      ['w', 2 * 8 + 5],
      ['userOffset', 3],
    ]
    const tokenProbe = features.tokenIds[12 * features.maxTokens] // first real token of item 12
    probes.push(['tokenEmb', tokenProbe * 8 + 2])
    let nonZero = 0
    for (const [name, i] of probes) {
      const analytic = (before[name] as Float32Array)[i] - (weights[name] as Float32Array)[i]
      const plus = copyWeights(before)
      const minus = copyWeights(before)
      ;(plus[name] as Float32Array)[i] += 1e-3
      ;(minus[name] as Float32Array)[i] -= 1e-3
      const h = (plus[name] as Float32Array)[i] - (minus[name] as Float32Array)[i]
      const numeric =
        (referenceLoss(plus, features, examples, negatives, gamma, l2) - referenceLoss(minus, features, examples, negatives, gamma, l2)) / h
      expect(Math.abs(analytic - numeric), `${name}[${i}]: analytic ${analytic} vs numeric ${numeric}`).toBeLessThan(2e-5 + 1e-3 * Math.abs(numeric))
      if (Math.abs(numeric) > 1e-3) nonZero++
    }
    // The check means something only if the probed gradients are not all ~0.
    expect(nonZero).toBeGreaterThanOrEqual(6)
  })

  it('changes only the rows of the items and tokens the batch used', async () => {
    const { features, weights } = toyModel(60, { itemScale: 0.1 })
    const before = copyWeights(weights)
    const trainer = createTrainer(tf, weights, features)
    await trainer.step(examples, negatives)
    const used = usedRows(features, examples, negatives)
    const items = changedRows(before.itemEmb, weights.itemEmb, 8)
    const tokens = changedRows(before.tokenEmb, weights.tokenEmb, 8)
    const biases = changedRows(before.itemBias, weights.itemBias, 1)
    for (const i of items) expect(used.items.has(i), `item row ${i}`).toBe(true)
    for (const t of tokens) expect(used.tokens.has(t), `token row ${t}`).toBe(true)
    for (const i of biases) expect(used.items.has(i), `bias ${i}`).toBe(true)
    // Every used item row has a gradient (context rows through H, candidates through the logits).
    expect(items.size).toBe(used.items.size)
    expect(tokens.size).toBe(used.tokens.size)
    // Padding never pulls bucket 0 in (features reserve it, and weight-0 slots are skipped).
    expect(tokens.has(0)).toBe(false)
    expect(changedRows(before.w, weights.w, 8).size).toBeGreaterThan(0)
    expect(changedRows(before.userOffset, weights.userOffset, 8).size).toBe(1)
  })

  it('leaves frozen parts bit-identical', async () => {
    const { features, weights } = toyModel(40, { itemScale: 0.1 })
    const before = copyWeights(weights)
    const trainer = createTrainer(tf, weights, features, { trainW: false, trainTokens: false, trainOffset: false })
    for (let s = 0; s < 3; s++) await trainer.step(examples, negatives)
    expect(weights.w).toEqual(before.w)
    expect(weights.tokenEmb).toEqual(before.tokenEmb)
    expect(weights.userOffset).toEqual(before.userOffset)
    expect(weights.itemEmb).not.toEqual(before.itemEmb)
    expect(weights.itemBias).not.toEqual(before.itemBias)
    const state = trainer.state()
    expect(state.wAcc.every((a) => a === Math.fround(0.1))).toBe(true)

    const frozenAll = createTrainer(tf, weights, features, { trainItems: false, trainBias: false, trainW: false, trainTokens: false, trainOffset: false })
    const snapshot = copyWeights(weights)
    const loss = await frozenAll.step(examples, negatives)
    expect(loss).toBeGreaterThan(0)
    expect(weights).toEqual(snapshot)
  })

  it('learns a repeated sequence a -> b -> c until the core ranking puts the target first', async () => {
    const { features, weights } = toyModel(50, { dim: 16, seed: 3 })
    const [a, b, c] = [4, 17, 33]
    const seq: TrainingExample[] = [
      { context: [a], contextWeights: [1], target: b },
      { context: [b, a], contextWeights: [0.6, 0.4], target: c },
    ]
    const trainer = createTrainer(tf, weights, features, { learningRate: 0.05 })
    let rng = 12345
    const next = () => (rng = (rng * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
    const losses: number[] = []
    for (let s = 0; s < 100; s++) {
      const negs = Int32Array.from({ length: 10 }, () => Math.floor(next() * 50))
      losses.push(await trainer.step(seq, negs))
    }
    const mean = (xs: number[]) => xs.reduce((x, y) => x + y, 0) / xs.length
    expect(mean(losses.slice(-10))).toBeLessThan(mean(losses.slice(0, 10)) * 0.5)

    // Rank the whole catalog with the core's ranking formula (what the widget shows).
    const vectors = itemVectors(weights, features)
    const topFor = (ex: TrainingExample): number => {
      const user = userVector(weights, vectors, ex.context, ex.contextWeights)
      const scores = scoreAll(vectors, weights.dim, user, weights.itemBias)
      const cos = contentCosine(features, ex.context, ex.contextWeights, Int32Array.from({ length: 50 }, (_, i) => i))
      let best = -1
      for (let j = 0; j < 50; j++) {
        if (ex.context.includes(j)) continue
        if (best < 0 || scores[j] + 0.5 * cos[j] > scores[best] + 0.5 * cos[best]) best = j
      }
      return best
    }
    expect(topFor(seq[0])).toBe(b)
    expect(topFor(seq[1])).toBe(c)
  })

  it('keeps tf.memory().numTensors unchanged across steps, failed ones included', async () => {
    const { features, weights } = toyModel(40)
    const trainer = createTrainer(tf, weights, features, { trainW: false })
    const start = tf.memory().numTensors
    for (let s = 0; s < 5; s++) await trainer.step(examples, negatives)
    await expect(trainer.step([{ context: [1], contextWeights: [1], target: 99 }], negatives)).rejects.toThrow(/target 99/)
    expect(tf.memory().numTensors).toBe(start)
  })

  it('caps long contexts at maxContext, keeping the heaviest items', async () => {
    const { features, weights } = toyModel(40, { itemScale: 0.1 })
    const long: TrainingExample = { context: [1, 2, 3, 4, 5], contextWeights: [0.4, 0.3, 0.2, 0.05, 0.05], target: 9 }
    const capped: TrainingExample = { context: [1, 2, 3], contextWeights: [0.4 / 0.9, 0.3 / 0.9, 0.2 / 0.9], target: 9 }
    const w1 = copyWeights(weights)
    const w2 = copyWeights(weights)
    const l1 = await createTrainer(tf, w1, features, { maxContext: 3 }).step([long], negatives)
    const l2 = await createTrainer(tf, w2, features, { maxContext: 3 }).step([capped], negatives)
    expect(l1).toBeCloseTo(l2, 6)
    expect(w1.itemEmb.subarray(4 * 8, 6 * 8)).toEqual(weights.itemEmb.subarray(4 * 8, 6 * 8))
  })

  it('refuses mismatched shapes, overlapping steps and use after dispose with errors that say what to do', async () => {
    const { features, weights } = toyModel(20)
    expect(() => createTrainer(tf, { ...weights, itemIds: [...weights.itemIds, 'new'] }, features)).toThrow(/itemEmb/)
    const trainer = createTrainer(tf, weights, features)
    const state = trainer.state()
    const grown = { ...weights, itemIds: [...weights.itemIds, 'new'], itemEmb: new Float32Array(21 * 8), itemBias: new Float32Array(21) }
    expect(() => createTrainer(tf, grown, features, {}, state)).toThrow(/content features/)
    const first = trainer.step(examples.slice(0, 2), [1, 2])
    await expect(trainer.step(examples.slice(0, 2), [1, 2])).rejects.toThrow(/await each step/)
    await first
    await expect(trainer.step([], [1])).rejects.toThrow(/at least one/)
    await expect(trainer.step([{ context: [1, 2], contextWeights: [1], target: 3 }], [1])).rejects.toThrow(/one weight per context item/)
    trainer.dispose()
    await expect(trainer.step(examples.slice(0, 2), [1])).rejects.toThrow(/after dispose/)
  })

  it('returns copies of its accumulators, which resume training exactly', async () => {
    const { features, weights } = toyModel(40, { itemScale: 0.1 })
    const other = copyWeights(weights)
    const a = createTrainer(tf, weights, features)
    await a.step(examples, negatives)
    const saved = a.state()
    saved.itemAcc.fill(123) // a copy: must not reach the trainer
    await a.step(examples, negatives)
    const b = createTrainer(tf, other, features)
    await b.step(examples, negatives)
    const c = createTrainer(tf, other, features, {}, b.state())
    await c.step(examples, negatives)
    expect(other).toEqual(weights)
  })
})

// ---- float64 reference of the step loss (test only) ----
/**
 * The step loss written out directly in float64 JS, one example at a time, for tests to check the
 * tensor version against (forward value, and finite-difference gradients). Contexts are used as
 * given (no maxContext cap). Not used by the product: it costs O(catalog) allocations per call.
 */
export function referenceLoss(
  weights: ModelWeights,
  features: ContentFeatures,
  examples: TrainingExample[],
  negatives: ArrayLike<number>,
  contentWeight: number,
  l2: number,
): number {
  const { dim, w, userOffset } = weights
  const { maxTokens, tokenIds, tokenWeights } = features
  const vector = (j: number): number[] => {
    const v = Array.from(weights.itemEmb.subarray(j * dim, (j + 1) * dim), Number)
    for (let m = 0; m < maxTokens; m++) {
      const tw = tokenWeights[j * maxTokens + m]
      if (tw === 0) continue
      const row = tokenIds[j * maxTokens + m] * dim
      for (let d = 0; d < dim; d++) v[d] += tw * weights.tokenEmb[row + d]
    }
    return v
  }
  const used = new Set<number>(negatives as ArrayLike<number> & Iterable<number>)
  let total = 0
  for (const ex of examples) {
    used.add(ex.target)
    ex.context.forEach((c) => used.add(c))
    const h = new Array<number>(dim).fill(0)
    ex.context.forEach((c, k) => vector(c).forEach((x, d) => (h[d] += ex.contextWeights[k] * x)))
    const user = Array.from(userOffset, Number)
    for (let i = 0; i < dim; i++) for (let d = 0; d < dim; d++) user[d] += h[i] * w[i * dim + d]
    const cands = [ex.target, ...Array.from(negatives)]
    const cos = contentWeight !== 0 && ex.context.length > 0 ? contentCosine(features, ex.context, ex.contextWeights, cands) : undefined
    const logits = cands.map((j, c) => {
      if (c > 0 && j === ex.target) return -1e9
      const v = vector(j)
      let s = weights.itemBias[j] + (cos ? contentWeight * cos[c] : 0)
      for (let d = 0; d < dim; d++) s += user[d] * v[d]
      return s
    })
    const max = Math.max(...logits)
    const lse = max + Math.log(logits.reduce((s, x) => s + Math.exp(x - max), 0))
    total += lse - logits[0]
  }
  let squares = 0
  const tokens = new Set<number>()
  for (const j of used) {
    for (let d = 0; d < dim; d++) squares += weights.itemEmb[j * dim + d] ** 2
    for (let m = 0; m < maxTokens; m++) if (tokenWeights[j * maxTokens + m] !== 0) tokens.add(tokenIds[j * maxTokens + m])
  }
  for (const t of tokens) for (let d = 0; d < dim; d++) squares += weights.tokenEmb[t * dim + d] ** 2
  for (let d = 0; d < dim; d++) squares += userOffset[d] ** 2
  return total / examples.length + (l2 * squares) / examples.length
}
