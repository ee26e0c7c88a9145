import { describe, expect, it } from 'vitest'
import type { StoredEvent } from '../core/types'
import { createSeenEvents, REPLAY_EVENTS } from './seen-events'

const events = (from: number, to: number): StoredEvent[] =>
  Array.from({ length: to - from + 1 }, (_, k) => ({ type: 'view', item: 'i' + (from + k), ts: from + k, seq: from + k }))

describe('seen events', () => {
  it('ignores events not newer than the last one known', () => {
    const seen = createSeenEvents()
    seen.add(events(1, 5))
    seen.add(events(3, 7))
    expect(seen.list.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7])
    expect(seen.newestAfter(7)).toBeUndefined()
    expect(seen.newestAfter(4)).toBe(7)
  })

  it('an update reads what is new plus a bounded replay, however long the log', () => {
    const seen = createSeenEvents()
    seen.add(events(1, 5000))
    const update = seen.recent(4990)
    expect(update).toHaveLength(REPLAY_EVENTS + 10)
    expect(update[0].seq).toBe(4990 - REPLAY_EVENTS + 1)
    expect(update[update.length - 1].seq).toBe(5000)
    // A short log is read whole; nothing new reads only the replay.
    const short = createSeenEvents()
    short.add(events(1, 50))
    expect(short.recent(40).map((e) => e.seq)).toEqual(events(1, 50).map((e) => e.seq))
    expect(seen.recent(6000)).toHaveLength(REPLAY_EVENTS)
  })

  it('keeps at most its bound, dropping the oldest', () => {
    const seen = createSeenEvents(100)
    seen.add(events(1, 80))
    seen.add(events(81, 250))
    expect(seen.list).toHaveLength(100)
    expect(seen.list[0].seq).toBe(151)
    expect(seen.recent(200, 10).map((e) => e.seq)).toEqual(events(191, 250).map((e) => e.seq))
  })
})
