import { addProfileScores } from './postings'
import { rowFrom, rowTo } from './packed-features'
import type { FeatureRows } from './types'

/** Sparse TF-IDF profile: bucket -> weight, unit length. */
export type Profile = Map<number, number>

/** The weighted sum of the items' TF-IDF vectors, normalised. */
export function contentProfile(features: FeatureRows, items: ArrayLike<number>, weights: ArrayLike<number>): Profile {
  const { tokenIds, tokenWeights } = features
  const profile: Profile = new Map()
  for (let k = 0; k < items.length; k++) {
    for (let t = rowFrom(features, items[k]), end = rowTo(features, items[k]); t < end; t++) {
      const w = tokenWeights[t]
      if (w !== 0) profile.set(tokenIds[t], (profile.get(tokenIds[t]) ?? 0) + weights[k] * w)
    }
  }
  let norm = 0
  for (const v of profile.values()) norm += v * v
  norm = Math.sqrt(norm)
  if (norm > 0) for (const [b, v] of profile) profile.set(b, v / norm)
  return profile
}

/** Cosine between a profile and one item. */
export function profileScore(features: FeatureRows, profile: Profile, item: number): number {
  const { tokenIds, tokenWeights } = features
  let s = 0
  for (let t = rowFrom(features, item), end = rowTo(features, item); t < end; t++) {
    const w = tokenWeights[t]
    if (w !== 0) s += w * (profile.get(tokenIds[t]) ?? 0)
  }
  return s
}

/**
 * The profile as a dense per-bucket table, times `scale`: a Map lookup per token slot made the
 * content term the slowest part of a 100k-item ranking.
 */
export function denseProfile(features: FeatureRows, profile: Profile, scale = 1): Float32Array {
  const dense = new Float32Array(features.buckets)
  for (const [bucket, value] of profile) dense[bucket] = value * scale
  return dense
}

/** Cosine of the profile with every item (through the postings: only items sharing a bucket are touched). */
export function profileScores(features: FeatureRows, profile: Profile, count: number): Float32Array {
  return addProfileScores(new Float32Array(count), features, profile)
}

/** TF-IDF cosine between the profile of `context` (weighted) and each candidate item. */
export function contentCosine(
  features: FeatureRows,
  context: number[],
  contextWeights: number[],
  candidates: ArrayLike<number>,
): Float32Array {
  const profile = contentProfile(features, context, contextWeights)
  const out = new Float32Array(candidates.length)
  for (let c = 0; c < candidates.length; c++) out[c] = profileScore(features, profile, candidates[c])
  return out
}

/** Cosine between two items' TF-IDF vectors. */
export function itemCosine(features: FeatureRows, a: number, b: number): number {
  return profileScore(features, contentProfile(features, [a], [1]), b)
}
