import type { EventBackend } from './backend'
import { retentionCut } from './retention'
import type { EventRecord } from './schema'

/** The event backend for when IndexedDB cannot be used: same contract, lost with the page. */
export const memoryEvents = (): EventBackend => {
  let records: EventRecord[] = []
  // Like IndexedDB's key generator, seq keeps growing across `clear`, so a seq is never reused.
  let last = 0
  const self: EventBackend = {
    async add(batch) {
      const added = batch.map((e) => ({ ...e, seq: ++last }))
      records.push(...added)
      return added
    },
    since: async (seq) => records.filter((r) => r.seq > seq),
    count: async () => records.length,
    async clear() {
      records = []
    },
    async prune(maxEvents, minTs) {
      const seqs = (list: EventRecord[]) => list.map((r) => r.seq)
      const drop = new Set(retentionCut(seqs(records), seqs(records.filter((r) => r.ts < minTs)), maxEvents))
      records = records.filter((r) => !drop.has(r.seq))
      return drop.size
    },
  }
  return self
}
