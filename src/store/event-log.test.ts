// The event log's logic on the memory backend (Node has no IndexedDB); the IndexedDB backend runs
// the same tests in Chromium in idb.browser.test.ts.
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest'
import type { StoredEvent } from '../core/types'
import { createEventLog, type EventLogOptions } from './event-log'
import { fakePage } from './fake-page.test-helper'
import { nextJournal, parseJournal } from './journal'

const noDB = () => Promise.reject(new Error('indexedDB is not defined'))
const view = (item: string, ts = 1000) => ({ type: 'view', item, ts })
const items = (events: StoredEvent[]) => events.map((e) => e.item)

let warn: MockInstance<typeof console.warn>
beforeEach(() => {
  warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
})
afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

// A fixed clock: the test events' ts of 1000 must not count as 90 days old.
const memoryLog = (options?: EventLogOptions) => createEventLog(noDB(), { now: () => 2000, ...options })

describe('createEventLog without IndexedDB', () => {
  it('keeps events in memory and says so once', async () => {
    const log = memoryLog()
    log.append(view('a'))
    log.append(view('b'))
    expect(items(await log.all())).toEqual(['a', 'b'])
    log.append(view('c'))
    await log.flush()
    const unavailable = warn.mock.calls.filter(([m]) => String(m).includes('in memory'))
    expect(unavailable).toHaveLength(1)
    expect(String(unavailable[0][0])).toContain('indexedDB is not defined')
  })

  it('assigns ascending seqs and a uid to every stored event', async () => {
    const log = memoryLog()
    for (const id of ['a', 'b', 'c']) log.append(view(id))
    const all = (await log.all()) as (StoredEvent & { uid: string })[]
    expect(all.map((e) => e.seq)).toEqual([1, 2, 3])
    expect(new Set(all.map((e) => e.uid)).size).toBe(3)
    expect(items(await log.since(1))).toEqual(['b', 'c'])
    expect(items(await log.since(NaN))).toEqual(['a', 'b', 'c'])
  })

  it('drops an invalid event with a warning naming the field, and keeps the rest', async () => {
    const log = memoryLog()
    log.append(view('a'))
    log.append({ type: 'view', item: '', ts: 1 })
    log.append({ type: 'view', ts: 1 } as never)
    log.append(null as never)
    log.append({ type: 'cart', item: 7 as never, ts: 2 })
    expect(items(await log.all())).toEqual(['a', '7'])
    expect(warn.mock.calls.filter(([m]) => String(m).includes('`item`'))).toHaveLength(2)
  })

  it('batches appends on a timer into one write', async () => {
    vi.useFakeTimers()
    const log = memoryLog({ batchMs: 100 })
    const batches: string[][] = []
    log.onWrite((events) => batches.push(items(events)))
    log.append(view('a'))
    log.append(view('b'))
    await vi.advanceTimersByTimeAsync(99)
    expect(batches).toEqual([])
    await vi.advanceTimersByTimeAsync(1)
    expect(batches).toEqual([['a', 'b']])
    log.append(view('c'))
    await vi.advanceTimersByTimeAsync(100)
    expect(batches).toEqual([['a', 'b'], ['c']])
  })

  it('counts queued events before they are written', async () => {
    const log = memoryLog({ batchMs: 60_000 })
    log.append(view('a'))
    await log.flush()
    log.append(view('b'))
    log.append(view('c'))
    expect(await log.count()).toBe(3)
    await log.flush()
    expect(await log.count()).toBe(3)
  })

  it('stops notifying an unsubscribed listener, and survives a listener that throws', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const log = memoryLog()
    const seen: string[] = []
    log.onWrite(() => {
      throw new Error('boom')
    })
    const off = log.onWrite((events) => seen.push(...items(events)))
    log.append(view('a'))
    await log.flush()
    off()
    log.append(view('b'))
    await log.flush()
    expect(seen).toEqual(['a'])
    expect(error).toHaveBeenCalledTimes(2)
    expect(items(await log.all())).toEqual(['a', 'b'])
  })

  it('clear drops queued and stored events, and seqs are not reused', async () => {
    const log = memoryLog({ batchMs: 60_000 })
    log.append(view('a'))
    await log.flush()
    log.append(view('b'))
    await log.clear()
    expect(await log.count()).toBe(0)
    expect(await log.all()).toEqual([])
    log.append(view('c'))
    expect((await log.all()).map((e) => e.seq)).toEqual([2])
  })

  it('keeps at most maxEvents after each 50 committed events', async () => {
    const log = memoryLog({ maxEvents: 30 })
    for (let i = 0; i < 49; i++) log.append(view('i' + i))
    await log.flush()
    expect(await log.count()).toBe(49)
    log.append(view('i49'))
    await log.flush()
    const kept = await log.all()
    expect(kept).toHaveLength(30)
    expect(kept[0].item).toBe('i20')
  })

  it('drops events older than maxAgeMs when it prunes', async () => {
    let clock = 10_000
    const log = memoryLog({ maxAgeMs: 1000, now: () => clock })
    for (let i = 0; i < 50; i++) log.append(view('i' + i, i < 10 ? 8000 : 9500))
    await log.flush()
    expect(await log.count()).toBe(40)
    clock = 10_600
    for (let i = 0; i < 50; i++) log.append(view('j' + i, 10_000))
    await log.flush()
    expect(await log.count()).toBe(50)
  })

  it('runs retention once on start', async () => {
    const page = fakePage()
    // Only a journal can hand a new log old events before it starts.
    const old = [0, 1, 2].map((i) => ({ ...view('old' + i, 0), uid: 'u' + i }))
    page.storage.set('localshelf:pending', nextJournal(null, [...old, { ...view('new', 5000), uid: 'u9' }], [])!)
    const log = memoryLog({ maxAgeMs: 1000, now: () => 5000 })
    expect(items(await log.all())).toEqual(['new'])
  })
})

describe('the pagehide journal', () => {
  it('writes unsaved events synchronously on pagehide and removes them once stored', async () => {
    const page = fakePage()
    const log = memoryLog({ batchMs: 60_000 })
    log.append(view('a'))
    log.append(view('b'))
    page.hide()
    // Synchronous: in the same task as the event, before any write could commit.
    expect(parseJournal(page.storage.get('localshelf:pending') ?? null).map((e) => e.item)).toEqual(['a', 'b'])
    await log.flush()
    expect(page.storage.has('localshelf:pending')).toBe(false)
    expect(items(await log.all())).toEqual(['a', 'b'])
  })

  it('also journals on visibilitychange to hidden, under the configured key', async () => {
    const page = fakePage()
    const log = memoryLog({ batchMs: 60_000, journalKey: 'shop:j' })
    log.append(view('a'))
    page.hide('visibilitychange')
    expect(parseJournal(page.storage.get('shop:j') ?? null).map((e) => e.item)).toEqual(['a'])
    await log.flush()
    expect(page.storage.size).toBe(0)
  })

  it('journals a batch already handed to a write that has not committed', async () => {
    const page = fakePage()
    let open!: (v: never) => void
    // The database is still opening, so the flushed batch waits.
    const log = createEventLog(new Promise((_, reject) => (open = () => reject(new Error('no idb')))), { batchMs: 60_000 })
    log.append(view('a'))
    const flushed = log.flush()
    log.append(view('b'))
    page.hide()
    expect(parseJournal(page.storage.get('localshelf:pending') ?? null).map((e) => e.item)).toEqual(['a', 'b'])
    open(undefined as never)
    await flushed
    await log.flush()
    expect(page.storage.has('localshelf:pending')).toBe(false)
  })

  it('replays a journal on start, before new events, and then removes it', async () => {
    const page = fakePage()
    const journaled = [
      { ...view('x'), uid: 'tab1.0' },
      { ...view('y'), uid: 'tab1.1' },
    ]
    page.storage.set('localshelf:pending', nextJournal(null, journaled, [])!)
    const log = memoryLog()
    log.append(view('z'))
    const seen: string[][] = []
    log.onWrite((events) => seen.push(items(events)))
    expect(items(await log.all())).toEqual(['x', 'y', 'z'])
    expect(seen).toEqual([['x', 'y'], ['z']])
    expect(page.storage.has('localshelf:pending')).toBe(false)
  })

  it('stops listening after close, and close flushes', async () => {
    const page = fakePage()
    const log = memoryLog({ batchMs: 60_000 })
    log.append(view('a'))
    log.close()
    log.append(view('b'))
    page.hide()
    expect(page.storage.has('localshelf:pending')).toBe(false)
    expect(items(await log.all())).toEqual(['a', 'b'])
  })
})
