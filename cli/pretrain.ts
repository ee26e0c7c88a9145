// Pretraining of the shop model from a shop's catalog and order history: EASE neighbour lists
// (exact item-item co-occurrence) plus the embedding model, trained with the same trainer the
// browser fine-tunes with.
import { buildContentFeatures } from '../src/core/features'
import { historyContext } from '../src/core/history'
import { createRandom } from '../src/core/random'
import { personalScores, type RankState } from '../src/core/recommend'
import { buildExamples, sampleNegatives, type TrainingExample } from '../src/core/training'
import type { ContentFeatures, Item, ModelWeights, Neighbors } from '../src/core/types'
import { itemVectors } from '../src/core/vectors'
import { cloneWeights, initWeights } from '../src/core/weights'
import { createEaseMethod } from '../src/eval/baselines/ease'
import { createMetricAccumulator, topItems } from '../src/eval/metrics'
import type { EvalCase, TrainData } from '../src/eval/protocol'
import { FINE_TUNE } from '../src/model/fine-tune'
import type { TF } from '../src/model/tf-types'
import { createTrainer } from '../src/model/trainer'
import { toStored } from './model-methods'

export interface PretrainOptions {
  /** Embedding size. */
  dim?: number
  /** Passes over the training examples. */
  epochs?: number
  batchSize?: number
  negatives?: number
  learningRate?: number
  /** Neighbours kept per item from the EASE matrix. */
  neighbors?: number
  /** EASE lambdas to try (default: the EASE baseline's grid). */
  lambdas?: number[]
  seed?: number
}

export interface Pretrained {
  weights: ModelWeights
  features: ContentFeatures
  popularity: Float32Array
  params: Record<string, number | string>
}

export const PRETRAIN_DEFAULTS = { dim: 32, epochs: 1, batchSize: 128, negatives: 128, learningRate: 0.05, neighbors: 32 }
// Neighbour-score scales tried on the validation baskets.
const SCALES = [4, 16, 64, 256, 1024, 4096]

function validate(state: RankState, items: Item[], cases: readonly EvalCase[]): { hr10: number; ndcg10: number } {
  const metrics = createMetricAccumulator(items.length)
  const excluded = new Uint8Array(items.length)
  const index = new Map(items.map((it, i) => [it.id, i]))
  for (const c of cases) {
    for (const e of c.history) excluded[e.item] = 1
    const history = historyContext(toStored(items, c.history), (id) => index.get(id))
    metrics.add(topItems(personalScores(state, history), excluded), new Set(c.target))
    for (const e of c.history) excluded[e.item] = 0
  }
  return metrics.summary()
}

function easeNeighbors(score: (h: number) => Float32Array, n: number, k: number): Neighbors {
  const index = new Int32Array(n * k).fill(-1)
  const weight = new Float32Array(n * k)
  for (let h = 0; h < n; h++) {
    const row = score(h)
    const top: number[] = []
    for (let j = 0; j < n; j++) if (j !== h && row[j] > 0 && Number.isFinite(row[j])) top.push(j)
    top.sort((a, b) => row[b] - row[a])
    top.slice(0, k).forEach((j, s) => {
      index[h * k + s] = j
      weight[h * k + s] = row[j]
    })
  }
  return { k, index, weight, scale: 1 }
}

export async function pretrainShopModel(
  tf: TF,
  items: Item[],
  train: TrainData,
  options: PretrainOptions,
  log: (line: string) => void,
): Promise<Pretrained> {
  const o = { ...PRETRAIN_DEFAULTS, ...options }
  const n = items.length
  const features = buildContentFeatures(items)
  const popularity = new Float32Array(n)
  for (const user of train.users) for (const e of user.events) if (e.type !== 'impression' && e.type !== 'dismiss') popularity[e.item]++

  // 1. EASE neighbour lists (lambda tuned on the validation baskets).
  const ease = createEaseMethod({ protocol: train.protocol, items, seed: o.seed ?? 1 }, { lambdas: o.lambdas })
  await ease.fit(train, (line) => log(`ease ${line}`))
  const neighbors = easeNeighbors((h) => ease.scoreUser([{ item: h, ts: 0, type: 'purchase' }], { userKey: '', protocol: train.protocol }) as Float32Array, n, o.neighbors)
  ease.dispose?.()

  const weights = initWeights(items.map((i) => i.id), { dim: o.dim, buckets: features.buckets, seed: o.seed ?? 1 })
  weights.neighbors = neighbors
  const state = (w: ModelWeights): RankState => ({ count: n, features, weights: w, vectors: itemVectors(w, features), personal: false, popularity, contentWeight: FINE_TUNE.contentWeight })

  // 2. The neighbour scale that ranks best beside content (the embeddings then learn the rest).
  let best = { scale: 1, hr10: -1, ndcg10: -1 }
  for (const scale of SCALES) {
    neighbors.scale = scale
    const v = validate(state(weights), items, train.tuning.validation)
    log(`neighbour scale ${scale}: validation HR@10 ${v.hr10.toFixed(4)} NDCG@10 ${v.ndcg10.toFixed(4)}`)
    if (v.hr10 > best.hr10) best = { scale, ...v }
  }
  neighbors.scale = best.scale

  // 3. The embeddings, trained on next-basket examples of the training users.
  const index = new Map(items.map((it, i) => [it.id, i]))
  const examples: TrainingExample[] = []
  for (const user of train.tuning.users) for (const ex of buildExamples(toStored(items, user.events), (id) => index.get(id))) examples.push(ex)
  const random = createRandom(o.seed ?? 1)
  const trainer = createTrainer(tf, weights, features, { learningRate: o.learningRate, contentWeight: FINE_TUNE.contentWeight })
  const started = performance.now()
  // Early stopping: the epoch (0 = neighbours and content alone) that validates best is kept.
  let kept = { epoch: 0, hr10: best.hr10, ndcg10: best.ndcg10, weights: cloneWeights(weights) }
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (let i = examples.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1))
      ;[examples[i], examples[j]] = [examples[j], examples[i]]
    }
    let loss = 0
    let steps = 0
    for (let b = 0; b < examples.length; b += o.batchSize) {
      loss += await trainer.step(examples.slice(b, b + o.batchSize), sampleNegatives(random, n, o.negatives))
      steps++
    }
    const v = validate(state(weights), items, train.tuning.validation)
    log(`epoch ${epoch + 1}/${o.epochs}: ${examples.length} examples, loss ${(loss / Math.max(1, steps)).toFixed(4)}, validation HR@10 ${v.hr10.toFixed(4)} NDCG@10 ${v.ndcg10.toFixed(4)} (${((performance.now() - started) / 1000).toFixed(0)} s)`)
    if (v.hr10 + v.ndcg10 > kept.hr10 + kept.ndcg10) kept = { epoch: epoch + 1, ...v, weights: cloneWeights(weights) }
  }
  trainer.dispose()
  log(`kept epoch ${kept.epoch} (validation HR@10 ${kept.hr10.toFixed(4)} NDCG@10 ${kept.ndcg10.toFixed(4)})`)
  return {
    weights: kept.weights,
    features,
    popularity,
    params: { dim: o.dim, epochs: o.epochs, batchSize: o.batchSize, negatives: o.negatives, learningRate: o.learningRate, neighbors: o.neighbors, neighborScale: best.scale, examples: examples.length, keptEpoch: kept.epoch },
  }
}
