// Shared setup of the model's Node tests. Imports the ESM builds explicitly: a bare
// '@tensorflow/tfjs-backend-cpu' resolves to its CommonJS Node build under Vitest, which loads a
// second copy of tfjs-core beside the ESM one.
import * as tf from '@tensorflow/tfjs-core'
import '@tensorflow/tfjs-backend-cpu/dist/index.js'
import '@tensorflow/tfjs-core/dist/register_all_gradients'
import { buildContentFeatures } from '../core/features'
import { createRandom } from '../core/random'
import type { ContentFeatures, Item, ModelWeights } from '../core/types'
import { initWeights } from '../core/weights'

export { tf }

export interface Toy {
  items: Item[]
  features: ContentFeatures
  weights: ModelWeights
}

const WORDS = 'red blue green mug plate candle lamp star heart vintage glass metal wood paper card tin bag box'.split(' ')

/**
 * A small synthetic catalog (titles of three words out of a short vocabulary, so items share
 * tokens) with the core's fresh weights; `itemScale` > 0 also randomises the item rows.
 */
export function toyModel(count: number, options: { seed?: number; dim?: number; buckets?: number; itemScale?: number } = {}): Toy {
  const random = createRandom(options.seed ?? 7)
  const word = () => WORDS[Math.floor(random() * WORDS.length)]
  const items: Item[] = Array.from({ length: count }, (_, i) => ({ id: 'p' + i, title: `${word()} ${word()} ${word()}`, price: 1 + i }))
  const features = buildContentFeatures(items, { buckets: options.buckets ?? 64, maxTokens: 6 })
  const weights = initWeights(items.map((it) => it.id), { buckets: features.buckets, dim: options.dim ?? 8, seed: options.seed ?? 7 })
  const scale = options.itemScale ?? 0
  if (scale > 0) {
    for (let i = 0; i < weights.itemEmb.length; i++) weights.itemEmb[i] = (random() * 2 - 1) * scale
    for (let i = 0; i < weights.itemBias.length; i++) weights.itemBias[i] = (random() * 2 - 1) * scale
    for (let i = 0; i < weights.w.length; i++) weights.w[i] += (random() * 2 - 1) * scale
    for (let i = 0; i < weights.userOffset.length; i++) weights.userOffset[i] = (random() * 2 - 1) * scale
  }
  return { items, features, weights }
}

/** Deep copy of the weights' arrays. */
export function copyWeights(w: ModelWeights): ModelWeights {
  return { ...w, tokenEmb: w.tokenEmb.slice(), itemEmb: w.itemEmb.slice(), itemBias: w.itemBias.slice(), w: w.w.slice(), userOffset: w.userOffset.slice() }
}
