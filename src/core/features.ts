import { hashString } from './random'
import { itemTokens } from './tokens'
import type { ContentFeatures, Item } from './types'

export interface FeatureOptions {
  /** Hash buckets for tokens. 4096 keeps collisions rare for catalogs of a few thousand words while the
   *  token table stays small enough to ship (4096 x 32 floats = 512 KB, 128 KB quantised). */
  buckets?: number
  /** Tokens kept per item, highest TF-IDF first: titles rarely have more than 10 telling words. */
  maxTokens?: number
}

export const DEFAULT_BUCKETS = 4096
export const DEFAULT_MAX_TOKENS = 16

/** Bucket of a token; bucket 0 is never used by a token so that padding (bucket 0, weight 0) stays inert. */
export function tokenBucket(token: string, buckets: number): number {
  return 1 + (hashString(token) % (buckets - 1))
}

/** Hashed TF-IDF features of every item, L2-normalised, so a dot product is a cosine. */
export function buildContentFeatures(items: Item[], options: FeatureOptions = {}): ContentFeatures {
  const buckets = options.buckets ?? DEFAULT_BUCKETS
  const maxTokens = options.maxTokens ?? DEFAULT_MAX_TOKENS
  const perItem = items.map(itemTokens)
  const df = new Map<string, number>()
  for (const tokens of perItem) for (const t of new Set(tokens)) df.set(t, (df.get(t) ?? 0) + 1)
  const n = items.length
  const tokenIds = new Int32Array(n * maxTokens)
  const tokenWeights = new Float32Array(n * maxTokens)
  perItem.forEach((tokens, i) => {
    const byBucket = new Map<number, number>()
    for (const t of tokens) {
      // Smoothed IDF: a token on every item still counts a little, a rare one counts most.
      const idf = Math.log(1 + n / (df.get(t) ?? 1))
      const b = tokenBucket(t, buckets)
      byBucket.set(b, (byBucket.get(b) ?? 0) + idf)
    }
    const top = [...byBucket].sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, maxTokens)
    const norm = Math.hypot(...top.map(([, w]) => w)) || 1
    top.forEach(([b, w], k) => {
      tokenIds[i * maxTokens + k] = b
      tokenWeights[i * maxTokens + k] = w / norm
    })
  })
  return { buckets, maxTokens, tokenIds, tokenWeights }
}
