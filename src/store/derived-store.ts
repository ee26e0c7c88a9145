// The catalogue's derived tables (content features) kept between visits: at 100,000 products
// they are 1-2 s of main-thread work, the same on every page while the catalogue does not change.
// One record, under one slot: a new catalogue replaces the old tables rather than adding to them.
import type { ContentFeatures } from '../core/types'
import type { DBRef } from './schema'

const SLOT = 'features'

// A database that never opened holds nothing and takes nothing.
const opened = (db: DBRef) => Promise.resolve(db).catch(() => undefined)

/** The stored features when they were computed for `key` and fit `count` items, else undefined. */
export async function loadFeatures(db: DBRef, key: string, count: number): Promise<ContentFeatures | undefined> {
  const d = await opened(db)
  const record = await d?.get('derived', SLOT).catch(() => undefined)
  const features = record?.key === key ? record.features : undefined
  const fits = !!features && features.tokenIds instanceof Int32Array && features.tokenWeights instanceof Float32Array &&
    features.tokenIds.length === count * features.maxTokens && features.tokenWeights.length === features.tokenIds.length
  return fits ? features : undefined
}

/** Stores the features for `key`; a full or missing database just means recomputing next time. */
export async function saveFeatures(db: DBRef, key: string, features: ContentFeatures): Promise<void> {
  const d = await opened(db)
  await d?.put('derived', { key, features: { buckets: features.buckets, maxTokens: features.maxTokens, tokenIds: features.tokenIds, tokenWeights: features.tokenWeights } }, SLOT).catch(() => undefined)
}

/** Part of every erase: nothing the widget stored stays behind. */
export async function clearDerived(db: DBRef): Promise<void> {
  const d = await opened(db)
  await d?.clear('derived')
}
