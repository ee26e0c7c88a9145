// A seeded synthetic shop at any size (catalog, content features, shop-model-like weights with
// neighbour lists, popularity, a shopper's history), for the ranking recall tests and
// scripts/bench-rank.mjs. Not a test file itself: the name does not end in `.test.ts`.
import { catalogTable } from '../core/catalog-table'
import { buildContentFeatures } from '../core/features'
import { buildQueryIndex, queryScores } from '../core/query'
import { createRandom } from '../core/random'
import type { RankState } from '../core/recommend'
import type { InteractionEvent, Item, Neighbors } from '../core/types'
import { itemVectors } from '../core/vectors'
import { initWeights } from '../core/weights'
import { REASONS } from './reason'
import type { RankingInputs } from './shelf-ranking'

export interface ScaleFixture {
  items: Item[]
  inputs: RankingInputs
  rank: RankState
  /** Item ids the shopper viewed (oldest first). */
  viewed: string[]
}

const NEIGHBOURS = 20

export function scaleFixture(count: number, options: { seed?: number; dim?: number; views?: number; neighbors?: boolean } = {}): ScaleFixture {
  const random = createRandom(options.seed ?? 7)
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]
  // A vocabulary with a long tail (words drawn with a skew), so tokens are shared like a real shop's.
  const vocabulary = Array.from({ length: 3000 }, (_, i) => `w${i.toString(36)}${'aeiou'[i % 5]}`)
  const word = () => vocabulary[Math.floor(vocabulary.length * random() ** 2)]
  const categories = Array.from({ length: 60 }, (_, i) => `category ${i}`)
  const items: Item[] = Array.from({ length: count }, (_, i) => ({
    id: `p${i}`,
    title: `${word()} ${word()} ${word()} ${word()}`,
    description: `${word()} ${word()} ${word()} ${word()} ${word()} ${word()}`,
    category: pick(categories),
    price: Math.round(random() * 10000) / 100,
    inStock: random() > 0.05,
  }))
  const features = buildContentFeatures(items)
  const weights = initWeights(items.map((i) => i.id), { buckets: features.buckets, dim: options.dim, seed: 3 })
  // Learned-looking rows: each item gets a random offset of about the content part's size.
  const scale = 1 / Math.sqrt(weights.dim)
  for (let i = 0; i < weights.itemEmb.length; i++) weights.itemEmb[i] = (random() * 2 - 1) * scale
  for (let i = 0; i < count; i++) weights.itemBias[i] = (random() - 0.5) * 0.2
  if (options.neighbors !== false) weights.neighbors = neighbours(count, random)
  const popularity = Float32Array.from(items, () => 1 / (1 + random() * count) ** 0.8)
  const rank: RankState = { count, features, weights, vectors: itemVectors(weights, features), personal: true, popularity, contentWeight: 0.5 }
  const viewed = Array.from({ length: options.views ?? 5 }, () => items[Math.floor(random() * count)].id)
  const history: InteractionEvent[] = viewed.map((item, k) => ({ type: 'view', item, ts: 1_000 + k }))
  const index = new Map(items.map((item, i) => [item.id, i]))
  const stock = Uint8Array.from(items, (item) => (item.inStock === false ? 1 : 0))
  let query: ReturnType<typeof buildQueryIndex> | undefined
  const inputs: RankingInputs = {
    items: catalogTable(items), index, rank, history, holdout: false, strings: REASONS,
    stockMask: () => stock,
    needScores: (text, context) => queryScores((query ??= buildQueryIndex(items)), features, count, text, context),
  }
  return { items, inputs, rank, viewed }
}

function neighbours(count: number, random: () => number): Neighbors {
  const index = new Int32Array(count * NEIGHBOURS).fill(-1)
  const weight = new Float32Array(count * NEIGHBOURS)
  for (let i = 0; i < count; i++) {
    // Lists of varying length, most weight on the first entries, like an EASE matrix's top rows.
    const length = Math.floor(random() * NEIGHBOURS)
    for (let n = 0; n < length; n++) {
      index[i * NEIGHBOURS + n] = Math.floor(random() * count)
      weight[i * NEIGHBOURS + n] = 0.2 / (1 + n)
    }
  }
  return { k: NEIGHBOURS, index, weight, scale: 1 }
}
