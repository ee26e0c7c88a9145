// The events a fine-tuner has been handed, in seq order. Both fine-tuners (fine-tune.ts for the
// weighted-mean model, seq-fine-tune.ts for the sequence model) keep this buffer and train only
// when something arrived after the seq they last trained through.
import type { StoredEvent } from '../core/types'

export interface SeenEvents {
  /** Every event added, in seq order. */
  readonly list: StoredEvent[]
  /** Adds time-ordered events; any not newer than the last one known are ignored. */
  add(events: StoredEvent[]): void
  /** The newest event's seq when it is after `seq`, else undefined (nothing new to train on). */
  newestAfter(seq: number): number | undefined
}

export function createSeenEvents(): SeenEvents {
  const list: StoredEvent[] = []
  return {
    list,
    add(events) {
      const known = list.length ? list[list.length - 1].seq : -Infinity
      for (const e of events) if (e.seq > known) list.push(e)
    },
    newestAfter(seq) {
      const newest = list.length ? list[list.length - 1].seq : -Infinity
      return newest > seq ? newest : undefined
    },
  }
}
