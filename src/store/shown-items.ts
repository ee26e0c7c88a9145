// The items shown to the shopper on earlier pages, from the stored impression counts: what the
// training worker's sequence fine-tune takes as passed over when they were never picked.
import type { DBRef } from './schema'

/** Distinct item ids of the stored impressions, oldest first, the newest `max` of them (one read, at the worker's start). */
export async function loadShownItems(db: DBRef, max: number): Promise<string[]> {
  const rows = await (await db).transaction('impressions').store.getAll()
  const last = new Map<string, number>()
  for (const row of rows) last.set(row.item, Math.max(last.get(row.item) ?? -Infinity, row.last))
  return [...last].sort((a, b) => a[1] - b[1]).slice(-max).map(([item]) => item)
}
