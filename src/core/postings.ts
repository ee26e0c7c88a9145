import type { Profile } from './content'
import { denseProfile } from './content'
import { addTableScores, addTwoTableScores, isPacked } from './packed-features'
import type { ContentFeatures, FeatureRows } from './types'

/**
 * The content features inverted: for each token bucket, the items that carry it and their
 * weights (CSR layout). A TF-IDF cosine with a profile of a few dozen buckets then touches only
 * the items sharing one of them, instead of every token slot of every item (16 per item: most of
 * a 100k-item ranking's memory traffic).
 */
export interface Postings {
  /** Items of bucket b: items[start[b] .. start[b + 1]). */
  start: Int32Array
  items: Int32Array
  weights: Float32Array
}

// Built once per catalog's features (features are immutable once built).
const cache = new WeakMap<ContentFeatures, Postings>()

export function postingsOf(features: ContentFeatures): Postings {
  let postings = cache.get(features)
  if (postings) return postings
  const { buckets, maxTokens, tokenIds, tokenWeights } = features
  const start = new Int32Array(buckets + 1)
  for (let t = 0; t < tokenIds.length; t++) if (tokenWeights[t] !== 0) start[tokenIds[t] + 1]++
  for (let b = 0; b < buckets; b++) start[b + 1] += start[b]
  const fill = start.slice(0, buckets)
  const items = new Int32Array(start[buckets])
  const weights = new Float32Array(start[buckets])
  for (let t = 0; t < tokenIds.length; t++) {
    const w = tokenWeights[t]
    if (w === 0) continue
    const p = fill[tokenIds[t]]++
    items[p] = (t / maxTokens) | 0
    weights[p] = w
  }
  postings = { start, items, weights }
  cache.set(features, postings)
  return postings
}

/** out[i] += scale * cosine(profile, item i), for the items that share a bucket with the profile. */
export function addProfileScores(out: Float32Array, features: FeatureRows, profile: Profile, scale = 1): Float32Array {
  if (profile.size === 0 || scale === 0) return out
  // The page keeps no postings (7.3 MB at 100k items): one pass over the packed slots instead.
  if (isPacked(features)) return addTableScores(out, features, denseProfile(features, profile, scale))
  const { start, items, weights } = postingsOf(features)
  const n = out.length
  for (const [bucket, value] of profile) {
    const v = value * scale
    for (let p = start[bucket], end = start[bucket + 1]; p < end; p++) {
      const i = items[p]
      if (i < n) out[i] += v * weights[p]
    }
  }
  return out
}

/** addProfileScores for two profiles: one pass over the page's packed features for both. */
export function addTwoProfileScores(out: Float32Array, profile: Profile, scale: number, out2: Float32Array, profile2: Profile, scale2: number, features: FeatureRows): void {
  if (!isPacked(features) || profile.size === 0 || profile2.size === 0 || scale === 0 || scale2 === 0) {
    addProfileScores(out, features, profile, scale)
    addProfileScores(out2, features, profile2, scale2)
  } else addTwoTableScores(out, denseProfile(features, profile, scale), out2, denseProfile(features, profile2, scale2), features)
}
