import { hashString } from './random'
import { DEFAULT_CHUNK, loopSteps, runSteps, type Steps } from './steps'
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
  return runSteps(contentFeatureSteps(items, options))
}

/**
 * buildContentFeatures in slices of at most `chunk` items (see steps.ts): tokens, then document
 * frequencies, then each item's top tokens, so a 100k-item catalogue never holds the main thread.
 */
export function* contentFeatureSteps(items: Item[], options: FeatureOptions = {}, chunk = DEFAULT_CHUNK): Steps<ContentFeatures> {
  const buckets = options.buckets ?? DEFAULT_BUCKETS
  const maxTokens = options.maxTokens ?? DEFAULT_MAX_TOKENS
  const n = items.length
  const perItem: string[][] = new Array(n)
  yield* loopSteps(n, chunk, (i) => void (perItem[i] = itemTokens(items[i])))
  const df = new Map<string, number>()
  yield* loopSteps(n, chunk, (i) => { for (const t of new Set(perItem[i])) df.set(t, (df.get(t) ?? 0) + 1) })
  const tokenIds = new Int32Array(n * maxTokens)
  const tokenWeights = new Float32Array(n * maxTokens)
  yield* loopSteps(n, chunk, (i) => {
    const byBucket = new Map<number, number>()
    for (const t of perItem[i]) {
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
