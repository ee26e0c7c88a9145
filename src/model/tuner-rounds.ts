// What both fine-tuners (fine-tune.ts for the weighted-mean model, seq-fine-tune.ts for the
// sequence model) share around their training: the item index, the bounded buffer of seen events,
// the seeded random source, and the round's bookkeeping (train only when something arrived after
// the seq last trained through, then mark it trained, also when nothing could be learned), and the
// items the shopper was shown (impressions, which the widget keeps as counts apart from the event
// log, see core/impressions.ts: the page hands them over as ids).
import { createRandom } from '../core/random'
import type { StoredEvent } from '../core/types'
import { createSeenEvents, MAX_SEEN_EVENTS, type SeenEvents } from './seen-events'

export interface TunerInit {
  trainedThroughSeq?: number
  /** Events to start from (a tuner rebuilt on another backend, or after a rollback). */
  events?: StoredEvent[]
  /** Seed of the tuner's random draws; default trainedThroughSeq + 1. */
  seed?: number
  /** Items shown to the shopper before (oldest first). */
  shown?: string[]
}

export interface RoundResult {
  loss: number
  steps: number
  trainedThroughSeq: number
}

export interface TunerRounds {
  /** Item row by id. */
  index: Map<string, number>
  events: SeenEvents
  /** The items shown to the shopper, oldest first, the newest MAX_SEEN_EVENTS at most. */
  shown: Set<string>
  /** Adds shown items (a re-shown one moves to the end). */
  show(items: string[]): void
  random: () => number
  trainedThroughSeq(): number
  /**
   * Runs `learn` (given the seq trained through so far) when an event newer than it is known, then
   * moves the mark to the newest event; else resolves to zero steps and leaves the mark.
   */
  round(learn: (trainedThroughSeq: number) => Promise<{ loss: number; steps: number }>): Promise<RoundResult>
}

export function createTunerRounds(itemIds: string[], init: TunerInit = {}): TunerRounds {
  const index = new Map(itemIds.map((id, i) => [id, i]))
  const events = createSeenEvents()
  let trainedThroughSeq = init.trainedThroughSeq ?? 0
  const random = createRandom(init.seed ?? trainedThroughSeq + 1)
  if (init.events) events.add(init.events)
  const shown = new Set<string>()
  const show = (items: string[]) => {
    for (const id of items) shown.delete(id), shown.add(id)
    // Bounded like the events (a Set iterates in insertion order: the oldest go first).
    for (const id of shown) {
      if (shown.size <= MAX_SEEN_EVENTS) break
      shown.delete(id)
    }
  }
  if (init.shown) show(init.shown)
  return {
    index,
    events,
    shown,
    show,
    random,
    trainedThroughSeq: () => trainedThroughSeq,
    async round(learn) {
      const lastSeq = events.newestAfter(trainedThroughSeq)
      if (lastSeq === undefined) return { loss: 0, steps: 0, trainedThroughSeq }
      const { loss, steps } = await learn(trainedThroughSeq)
      trainedThroughSeq = lastSeq
      return { loss, steps, trainedThroughSeq }
    },
  }
}
