import type { IDBPDatabase } from 'idb'
import { impressionKey, mergeImpressions, type ImpressionCount } from '../core/impressions'
import { retentionCut } from './retention'
import type { LocalshelfDB } from './schema'
import { settled } from './settled'

/** Where the impression counts live: IndexedDB's `impressions` store, or memory when that is unavailable. */
export type ImpressionBackend = {
  /** Adds the counts to the stored rows of the same key, in one transaction. */
  add(rows: readonly ImpressionCount[]): Promise<void>
  /** Every row, oldest day first. */
  all(): Promise<ImpressionCount[]>
  count(): Promise<number>
  clear(): Promise<void>
  /** Drops rows whose newest impression is before `minTs`, then the oldest days beyond `maxRows`; resolves with how many went. */
  prune(maxRows: number, minTs: number): Promise<number>
}

export const idbImpressions = (db: IDBPDatabase<LocalshelfDB>): ImpressionBackend => ({
  async add(rows) {
    const tx = db.transaction('impressions', 'readwrite')
    // Read-add-write inside one transaction: another tab adding to the same row cannot interleave.
    const steps = rows.map(async (row) => {
      const key = impressionKey(row)
      const had = await tx.store.get(key)
      await tx.store.put(had ? { ...had, count: had.count + row.count, last: Math.max(had.last, row.last) } : row, key)
    })
    await settled(tx, [...steps, tx.done])
  },
  // Explicit transactions, as in idb-events.ts: idb's shortcuts use a host-breakable Array.prototype.includes.
  all: () => db.transaction('impressions').store.getAll(),
  count: () => db.transaction('impressions').store.count(),
  async clear() {
    const tx = db.transaction('impressions', 'readwrite')
    await settled(tx, [tx.store.clear(), tx.done])
  },
  async prune(maxRows, minTs) {
    const tx = db.transaction('impressions', 'readwrite')
    const [keys, expired] = await Promise.all([tx.store.getAllKeys(), tx.store.index('last').getAllKeys(IDBKeyRange.upperBound(minTs, true))])
    const cut = retentionCut(keys, expired, maxRows)
    await settled(tx, [...cut.map((key) => tx.store.delete(key)), tx.done])
    return cut.length
  },
})

export const memoryImpressions = (): ImpressionBackend => {
  let rows = new Map<string, ImpressionCount>()
  const sorted = () => [...rows.keys()].sort()
  return {
    add: async (batch) => void mergeImpressions(batch, rows),
    all: async () => sorted().map((key) => rows.get(key)!),
    count: async () => rows.size,
    clear: async () => void (rows = new Map()),
    async prune(maxRows, minTs) {
      const keys = sorted()
      const cut = retentionCut(keys, keys.filter((key) => rows.get(key)!.last < minTs), maxRows)
      for (const key of cut) rows.delete(key)
      return cut.length
    },
  }
}
