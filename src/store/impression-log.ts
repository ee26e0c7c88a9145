import { impressionOf, mergeImpressions, type ImpressionCount } from '../core/impressions'
import type { InteractionEvent } from '../core/types'
import { idbImpressions, memoryImpressions, type ImpressionBackend } from './impression-backend'
import { describeError } from './quota'
import type { DBRef } from './schema'
import { checkEvent } from './validate'

export type ImpressionLogOptions = {
  /** How long impressions collect before one transaction adds them, in ms (default 250, like the event log). */
  batchMs?: number
  /** Most rows (day x placement x arm x item) kept; the oldest days go first (default 20,000: a few MB at most, months of browsing). */
  maxRows?: number
  /** Rows whose newest impression is older than this are dropped, in ms (default 90 days, the event log's age limit). */
  maxAgeMs?: number
  now?: () => number
}

export type ImpressionLog = {
  /**
   * Counts one impression event. Never throws; resolves `true` once the count's IndexedDB
   * transaction has completed, `false` when the event was invalid, erased first, or could only be
   * counted in memory.
   */
  append(event: InteractionEvent): Promise<boolean>
  /** Writes what is queued; resolves once every earlier append is stored. */
  flush(): Promise<void>
  /** Every stored row after a flush, oldest day first. */
  all(): Promise<ImpressionCount[]>
  /** Drops queued and stored counts. */
  clear(): Promise<void>
  /** Removes the page listener and flushes what is queued. */
  close(): void
}

// Retention reads every key: after this many stored batches keeps that cheap.
const PRUNE_EVERY = 20

/**
 * The shelves' impressions, counted per UTC day, placement, arm and item in IndexedDB's
 * `impressions` store, apart from the interaction log so they never count against its cap.
 * Degrades to memory when the database cannot be opened (silently: the event log warns) or fails
 * (one warning). Unlike the event
 * log there is no localStorage journal: impressions queued when a tab closes (at most `batchMs`
 * worth, flushed on pagehide) may be lost, which only undercounts them a little.
 */
export const createImpressionLog = (db: DBRef, options: ImpressionLogOptions = {}): ImpressionLog => {
  const { batchMs = 250, maxRows = 20_000, maxAgeMs = 90 * 864e5, now = Date.now } = options
  let pending: Array<{ row: ImpressionCount; ack: (durable: boolean) => void }> = []
  let timer: ReturnType<typeof setTimeout> | undefined
  let batches = 0
  let backend: ImpressionBackend
  let memory: ImpressionBackend | undefined
  // A database that never opened is the event log's one warning to give; a failure of this store
  // on an open database is this log's own.
  const toMemory = (error: unknown, quiet = false): ImpressionBackend => {
    if (!memory) {
      if (!quiet) console.warn(`Localshelf: IndexedDB failed for impressions (${describeError(error)}); counting them in memory for this page only`)
      memory = memoryImpressions()
    }
    return memory
  }
  // One operation at a time, in call order; a failing IndexedDB operation is redone in memory.
  let chain: Promise<unknown> = Promise.resolve(db).then(
    (d) => void (backend = idbImpressions(d)),
    (error) => void (backend = toMemory(error, true)),
  )
  const use = <T>(op: (b: ImpressionBackend) => Promise<T>): Promise<T> => {
    const result = chain.then(() => op(backend).catch((error) => (backend == memory ? Promise.reject(error) : op((backend = toMemory(error))))))
    chain = result.catch(() => {})
    return result
  }
  const prune = () => use((b) => b.prune(maxRows, now() - maxAgeMs))

  const page = typeof document == 'object' ? new AbortController() : undefined
  const self: ImpressionLog = {
    append(event) {
      let checked = checkEvent(event)
      // A count needs a calendar day: a finite `ts` beyond the Date range has none.
      if (typeof checked != 'string' && isNaN(new Date(checked.ts).getTime())) checked = '`ts` must be a time like Date.now()'
      if (typeof checked == 'string') {
        console.warn(`Localshelf: impression dropped: ${checked}. Fix the call that tracked it.`, event)
        return Promise.resolve(false)
      }
      timer ??= setTimeout(self.flush, batchMs)
      return new Promise<boolean>((ack) => pending.push({ row: impressionOf(checked), ack }))
    },
    flush() {
      clearTimeout(timer)
      timer = undefined
      const batch = pending
      pending = []
      const written = use(async (b) => {
        if (!batch.length) return
        await b.add([...mergeImpressions(batch.map((p) => p.row)).values()])
        for (const p of batch) p.ack(b != memory)
        if (++batches % PRUNE_EVERY == 0) void prune()
      })
      written.catch(() => batch.forEach((p) => p.ack(false)))
      return written.catch(() => {})
    },
    all: () => self.flush().then(() => use((b) => b.all())),
    clear() {
      clearTimeout(timer)
      timer = undefined
      for (const p of pending) p.ack(false)
      pending = []
      return use((b) => b.clear())
    },
    close() {
      page?.abort()
      void self.flush()
    },
  }
  void prune()
  if (page) {
    const onHide = () => (document.visibilityState == 'hidden' ? void self.flush() : undefined)
    window.addEventListener('pagehide', () => void self.flush(), page)
    document.addEventListener('visibilitychange', onHide, page)
  }
  return self
}
