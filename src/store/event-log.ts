import type { InteractionEvent, StoredEvent } from '../core/types'
import type { EventBackend } from './backend'
import { idbEvents } from './idb-events'
import { readJournal, removeJournal, updateJournal } from './journal'
import { memoryEvents } from './memory-events'
import { isQuotaError, describeError } from './quota'
import type { DBRef, NewEvent } from './schema'
import { checkEvent } from './validate'

export type EventLogOptions = {
  /** How long appends collect before one transaction writes them, in ms (default 250: a burst of thousands costs one transaction, and the pagehide journal covers a tab closed in between). */
  batchMs?: number
  /** Most events kept, checked on start and after every 50 stored; the oldest go first (default 5000: months of a shopper's history, a few hundred KB). */
  maxEvents?: number
  /** Events older than this are dropped, in ms (default 90 days: older interest rarely predicts the next purchase, and the shopper's footprint stays small). */
  maxAgeMs?: number
  /** The localStorage key of the pagehide journal (default `'localshelf:pending'`). */
  journalKey?: string
  /** The clock retention measures age with (default `Date.now`). */
  now?: () => number
}

export type EventLog = {
  /**
   * Queues one event and journals it synchronously (by the end of the current task) in
   * localStorage. Never throws: an invalid event is dropped with a console warning. The promise
   * never rejects: it resolves `true` once the event's IndexedDB transaction has completed (the
   * event is "acknowledged": it survives a closed tab, a crashed renderer and a killed browser),
   * `false` when it was dropped, erased first, or could only be kept in memory.
   */
  append(event: InteractionEvent): Promise<boolean>
  /** Writes the queued events in one transaction; resolves once every earlier append is stored. */
  flush(): Promise<void>
  /** Every stored event, ascending by seq, after a flush. */
  all(): Promise<StoredEvent[]>
  /** The stored events with a seq above `seq`, after a flush. */
  since(seq: number): Promise<StoredEvent[]>
  /** Stored plus queued events. */
  count(): Promise<number>
  /** Events committed to the store as of the last write, prune or clear (synchronous, for `state()`). */
  stored(): number
  /** Drops queued and stored events and the journal. */
  clear(): Promise<void>
  /** Calls `listener` with each committed batch; returns the unsubscribe function. */
  onWrite(listener: (events: StoredEvent[]) => void): () => void
  /** Removes the page listeners and flushes what is queued. */
  close(): void
}

// Retention reads every key: after each 50 committed events keeps that cheap while the store
// overshoots `maxEvents` by about 1% at most.
const PRUNE_EVERY = 50

/**
 * The append-only interaction log on IndexedDB, degrading to memory (with one console warning)
 * when the database cannot be opened or fails. Every operation runs in call order.
 */
export const createEventLog = (db: DBRef, options: EventLogOptions = {}): EventLog => {
  const { batchMs = 250, maxEvents = 5000, maxAgeMs = 90 * 864e5, journalKey = 'localshelf:pending', now = Date.now } = options
  // Appended, not yet handed to a write.
  let pending: NewEvent[] = []
  // Appended, not yet committed: what a hiding page journals.
  let unsaved: NewEvent[] = []
  let timer: ReturnType<typeof setTimeout> | undefined
  let committed = 0
  let storedCount = 0
  // Settles each queued event's `append` promise once its batch is written (or not).
  const acks = new Map<NewEvent, (durable: boolean) => void>()
  const settle = (events: readonly NewEvent[], durable: boolean) => {
    for (const event of events) {
      acks.get(event)?.(durable)
      acks.delete(event)
    }
  }
  let journalQueued = false
  let backend: EventBackend
  let memory: EventBackend | undefined
  const listeners = new Set<(events: StoredEvent[]) => void>()
  // About 52 random bits: a shopper's pages would need millions of logs for a likely collision.
  const uidBase = Math.random().toString(36).slice(2) + '.'
  let uidCount = 0

  const toMemory = (error: unknown): EventBackend => {
    if (!memory) {
      console.warn(`Localshelf: IndexedDB unavailable (${describeError(error)}); keeping events in memory for this page only`)
      memory = memoryEvents()
      storedCount = 0
    }
    return memory
  }

  // A full disk is not a broken database: drop the oldest events (a growing share each time) and
  // retry on disk, so the newest history is kept and later pages still record to disk.
  const makingRoom = async <T>(b: EventBackend, op: (b: EventBackend) => Promise<T>, error: unknown): Promise<T> => {
    for (let attempt = 1; isQuotaError(error) && attempt <= 4; attempt++) {
      const count = await b.count()
      if (!count) break
      const evict = Math.max(PRUNE_EVERY, Math.ceil(count * 0.1 * 2 ** attempt))
      console.warn(`Localshelf: storage is full (${describeError(error)}); removing the ${Math.min(evict, count)} oldest events and retrying`)
      storedCount -= await b.prune(Math.max(0, count - evict), -Infinity)
      try {
        return await op(b)
      } catch (next) {
        error = next
      }
    }
    throw error
  }

  // Operations run one after another on this chain; a failing IndexedDB operation is redone in memory.
  let chain: Promise<unknown> = Promise.resolve(db).then(
    async (d) => {
      backend = idbEvents(d)
      storedCount = await backend.count().catch(() => 0)
    },
    (error) => (backend = toMemory(error)),
  )
  const use = <T>(op: (b: EventBackend) => Promise<T>): Promise<T> => {
    const result = chain.then(() =>
      op(backend)
        .catch((error) => (backend == memory ? Promise.reject(error) : makingRoom(backend, op, error)))
        .catch((error) => (backend == memory ? Promise.reject(error) : op((backend = toMemory(error))))),
    )
    chain = result.catch(() => {})
    return result
  }

  // Writes every unsaved event to the localStorage journal once per task: a renderer crash or a
  // killed tab after `append` returns still finds them there on the next page (a microtask runs
  // before the browser can act on anything else), and a burst of appends costs one write.
  const journalSoon = () => {
    if (journalQueued) return
    journalQueued = true
    queueMicrotask(() => {
      journalQueued = false
      if (unsaved.length) updateJournal(journalKey, unsaved, [])
    })
  }

  const write = (batch: NewEvent[]) =>
    use(async (b) => {
      if (!batch.length) return
      const added = await b.add(batch)
      const done = new Set(batch)
      unsaved = unsaved.filter((e) => !done.has(e))
      storedCount += added.length
      updateJournal(journalKey, [], batch)
      settle(batch, b != memory)
      for (const listener of listeners) {
        try {
          listener(added)
        } catch (error) {
          // A listener's bug must not read as a failed write and send the log to memory.
          console.error(error)
        }
      }
      if ((committed += added.length) >= PRUNE_EVERY) prune()
    })
  const prune = () => {
    committed = 0
    return use(async (b) => void (storedCount -= await b.prune(maxEvents, now() - maxAgeMs)))
  }

  // Only a page has a document (a worker or Node has none); `close` removes the listeners.
  const page = typeof document == 'object' ? new AbortController() : undefined
  const onHide = (event: Event) => {
    if (event.type == 'pagehide' || document.visibilityState == 'hidden') {
      updateJournal(journalKey, unsaved, [])
      void self.flush()
    }
  }

  const self: EventLog = {
    append(event) {
      const checked = checkEvent(event)
      if (typeof checked == 'string') {
        console.warn(`Localshelf: event dropped: ${checked}. Fix the call that tracked it.`, event)
        return Promise.resolve(false)
      }
      const record = { ...checked, uid: uidBase + (uidCount++).toString(36) }
      pending.push(record)
      unsaved.push(record)
      journalSoon()
      timer ??= setTimeout(self.flush, batchMs)
      return new Promise<boolean>((resolve) => acks.set(record, resolve))
    },
    flush() {
      clearTimeout(timer)
      timer = undefined
      const batch = pending
      pending = []
      // A batch that failed everywhere still answers its callers (with false), and never rejects
      // into a caller that only wanted the acknowledgement.
      const written = write(batch)
      written.catch(() => settle(batch, false))
      return written
    },
    all: () => self.since(0),
    // A bad `seq` must not reach IndexedDB, where its DataError would look like a broken database.
    since: (seq) => self.flush().then(() => use((b) => b.since(seq > 0 ? seq : 0))),
    count: () => use(async (b) => (await b.count()) + unsaved.length),
    stored: () => storedCount,
    clear() {
      clearTimeout(timer)
      timer = undefined
      settle(pending, false)
      pending = []
      unsaved = []
      removeJournal(journalKey)
      return use(async (b) => {
        await b.clear()
        storedCount = 0
      })
    },
    onWrite(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    close() {
      page?.abort()
      void self.flush()
    },
  }

  // --- start: replay what a closed page journaled, then apply retention once ---------------------
  void write(readJournal(journalKey))
  void prune()
  if (page) {
    // The controller passes as the listener options: they only read its `signal`.
    window.addEventListener('pagehide', onHide, page)
    document.addEventListener('visibilitychange', onHide, page)
  }
  return self
}
