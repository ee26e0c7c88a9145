import type { EventRecord, NewEvent } from './schema'

/** Where the event log keeps committed events: IndexedDB, or memory when that is unavailable. */
export type EventBackend = {
  /**
   * Stores a batch at once; resolves with what was added, seq set. IndexedDB skips uids already
   * stored (a journal replayed twice); memory never sees one twice, as a page's memory only gets
   * fresh uids and one journal read.
   */
  add(batch: readonly NewEvent[]): Promise<EventRecord[]>
  /** Events with a seq above `seq`, ascending. */
  since(seq: number): Promise<EventRecord[]>
  count(): Promise<number>
  clear(): Promise<void>
  /** Drops events with `ts` below `minTs`, then the oldest beyond `maxEvents`; resolves with how many went. */
  prune(maxEvents: number, minTs: number): Promise<number>
}
