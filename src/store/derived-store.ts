// The catalogue's derived tables (content features) kept between visits: at 100,000 products
// they are 1-2 s of main-thread work, the same on every page while the catalogue does not change.
// One record, under one slot: a new catalogue replaces the old tables rather than adding to them.
import type { ContentFeatures } from '../core/types'
import type { DBRef } from './schema'

const SLOT = 'features'

// Explicit transactions, not idb's `db.get(…)` shortcuts (see model-store.ts).

/** The stored features when they were computed for `key` and fit `count` items, else undefined (also when unreadable). */
export async function loadFeatures(db: DBRef, key: string, count: number): Promise<ContentFeatures | undefined> {
  let record
  try {
    record = await (await db).transaction('derived').store.get(SLOT)
  } catch {
    return undefined // no database, or one that cannot be read: the features are computed
  }
  const features = record?.key === key ? record.features : undefined
  const fits = !!features && features.tokenIds instanceof Int32Array && features.tokenWeights instanceof Float32Array &&
    features.tokenIds.length === count * features.maxTokens && features.tokenWeights.length === features.tokenIds.length
  return fits ? features : undefined
}

/** Stores the features for `key`; a full or missing database just means recomputing next time. */
export async function saveFeatures(db: DBRef, key: string, features: ContentFeatures): Promise<void> {
  try {
    const tx = (await db).transaction('derived', 'readwrite')
    const { buckets, maxTokens, tokenIds, tokenWeights } = features
    await Promise.all([tx.store.put({ key, features: { buckets, maxTokens, tokenIds, tokenWeights } }, SLOT), tx.done])
  } catch {
    // not stored: the next page computes them again
  }
}

/** Part of every erase: nothing the widget stored stays behind. */
export async function clearDerived(db: DBRef): Promise<void> {
  const tx = (await db).transaction('derived', 'readwrite')
  await Promise.all([tx.store.clear(), tx.done])
}
