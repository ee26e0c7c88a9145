import type { IDBPDatabase } from 'idb'
import type { EventBackend } from './backend'
import { retentionCut } from './retention'
import { settled } from './settled'
import type { EventRecord, LocalshelfDB } from './schema'

/** The event backend on IndexedDB's `events` store. */
export const idbEvents = (db: IDBPDatabase<LocalshelfDB>): EventBackend => {
  const self: EventBackend = {
    async add(batch) {
      const tx = db.transaction('events', 'readwrite')
      const uids = batch.map((e) => e.uid).sort()
      // The uid check runs in the same transaction as the adds, so a journal replay racing another
      // tab cannot store an event twice, and a duplicate never aborts the batch on the unique index.
      // One range read covers the batch: a page's own uids share a prefix, so it usually finds none.
      const stored = await tx.store.index('uid').getAll(IDBKeyRange.bound(uids[0], uids[uids.length - 1]))
      const have = new Set(stored.map((r) => r.uid))
      const added: EventRecord[] = []
      // The records have no `seq` yet: the key generator puts it in.
      const steps = batch.filter((e) => !have.has(e.uid)).map(async (event) => added.push({ ...event, seq: await tx.store.add(event as EventRecord) }))
      await settled(tx, [...steps, tx.done])
      return added
    },
    // Explicit transactions, not idb's `db.getAll(…)` shortcuts: those look their method names up with
    // Array.prototype.includes, which a host page may have broken.
    since: (seq) => db.transaction('events').store.getAll(IDBKeyRange.lowerBound(seq, true)),
    count: () => db.transaction('events').store.count(),
    async clear() {
      const tx = db.transaction('events', 'readwrite')
      await settled(tx, [tx.store.clear(), tx.done])
    },
    async prune(maxEvents, minTs) {
      const tx = db.transaction('events', 'readwrite')
      const [seqs, expired] = await Promise.all([tx.store.getAllKeys(), tx.store.index('ts').getAllKeys(IDBKeyRange.upperBound(minTs, true))])
      const cut = retentionCut(seqs, expired, maxEvents)
      await settled(tx, [...cut.map((seq) => tx.store.delete(seq)), tx.done])
      return cut.length
    },
  }
  return self
}
