// The events a fine-tuner has been handed, in seq order. Both fine-tuners (fine-tune.ts for the
// weighted-mean model, seq-fine-tune.ts for the sequence model) keep this buffer and train only
// when something arrived after the seq they last trained through. The buffer is bounded: an update
// reads what is new plus a bounded replay of what came before, so its cost does not grow with the
// log (issue 9 measured updates 3-6x slower as a full log was rebuilt into examples every time).
import type { StoredEvent } from '../core/types'

/**
 * Events before the first new one an update reads: the history the new events' examples take as
 * context (buildExamples looks 200 events back) plus the pool the older examples are replayed from.
 */
export const REPLAY_EVENTS = 600
/**
 * Most events the buffer keeps; the oldest go first. It also bounds the first update of a worker
 * handed a long untrained log, which runs in one go on the worker's thread (wasm and cpu resolve
 * their reads as microtasks).
 */
export const MAX_SEEN_EVENTS = 1200

export interface SeenEvents {
  /** The events kept (the newest `MAX_SEEN_EVENTS` at most), in seq order. */
  readonly list: StoredEvent[]
  /** Adds time-ordered events; any not newer than the last one known are ignored. */
  add(events: StoredEvent[]): void
  /** The newest event's seq when it is after `seq`, else undefined (nothing new to train on). */
  newestAfter(seq: number): number | undefined
  /** The events after `seq` and at most `before` of the ones up to it: what one update reads. */
  recent(seq: number, before?: number): StoredEvent[]
}

export function createSeenEvents(max = MAX_SEEN_EVENTS): SeenEvents {
  const list: StoredEvent[] = []
  return {
    list,
    add(events) {
      const known = list.length ? list[list.length - 1].seq : -Infinity
      for (const e of events) if (e.seq > known) list.push(e)
      if (list.length > max) list.splice(0, list.length - max)
    },
    newestAfter(seq) {
      const newest = list.length ? list[list.length - 1].seq : -Infinity
      return newest > seq ? newest : undefined
    },
    recent(seq, before = REPLAY_EVENTS) {
      // The first event after `seq`, by binary search: the list is in seq order.
      let lo = 0
      for (let hi = list.length; lo < hi; ) {
        const mid = (lo + hi) >>> 1
        if (list[mid].seq <= seq) lo = mid + 1
        else hi = mid
      }
      return list.slice(Math.max(0, lo - before))
    },
  }
}
