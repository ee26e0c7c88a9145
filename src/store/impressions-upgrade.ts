// Upgrade step 2: impressions move out of the `events` store into daily counts of their own, so
// they no longer count against the interaction log's cap. Every impression event already stored is
// folded into the counts and deleted in the same upgrade transaction: no statistic is lost, and an
// upgrade that fails leaves version 1 untouched.
import type { IDBPDatabase, IDBPTransaction, StoreNames } from 'idb'
import { impressionOf, mergeImpressions } from '../core/impressions'
import type { LocalshelfDB } from './schema'

export const addImpressionsStore = (
  db: IDBPDatabase<LocalshelfDB>,
  transaction: IDBPTransaction<LocalshelfDB, StoreNames<LocalshelfDB>[], 'versionchange'>,
): void => {
  const store = db.createObjectStore('impressions')
  store.createIndex('last', 'last')
  if (!db.objectStoreNames.contains('events')) return
  void (async () => {
    const counts = new Map()
    // A cursor, not getAll: at most the log's cap of events, walked once, deleting as it goes.
    for (let cursor = await transaction.objectStore('events').openCursor(); cursor; cursor = await cursor.continue()) {
      if (cursor.value.type !== 'impression' || isNaN(new Date(cursor.value.ts).getTime())) continue // no day: left as it was
      mergeImpressions([impressionOf(cursor.value)], counts)
      void cursor.delete()
    }
    for (const [key, row] of counts) void transaction.objectStore('impressions').put(row, key)
  })()
}
