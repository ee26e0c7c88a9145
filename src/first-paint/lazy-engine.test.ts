import { describe, expect, it, vi } from 'vitest'
import type { Localshelf } from '../app/engine'
import type { ShelfRequest, ShelfResult } from '../ui/engine-types'
import { createLazyEngine } from './lazy-engine'
import type { ShelfCache } from './shelf-cache'

// The engine's public object as the script tag gets it from its chunk (the real one needs
// IndexedDB and a worker: e2e/first-paint.spec.ts runs it in Chromium).
function engine(extra: Record<string, unknown> = {}) {
  const tracked: unknown[][] = []
  const listeners: (() => void)[] = []
  const shelf = {
    ready: Promise.resolve(),
    recommend: (r: ShelfRequest): ShelfResult => ({ placement: r.placement, source: 'personal', items: [{ id: 'live', title: 'Live' }] }),
    subscribe: (l: () => void) => (listeners.push(l), () => void listeners.splice(listeners.indexOf(l), 1)),
    track: (...args: unknown[]) => (tracked.push(args), Promise.resolve(true)),
    state: () => ({ catalogSize: 3, recording: true }),
    exportData: async () => ({ events: tracked }),
    erase: vi.fn(async () => {}),
    dispose: () => {},
    ...extra,
  }
  return { shelf: shelf as unknown as Localshelf, tracked, listeners }
}

function memoryCache(seed?: ShelfResult): ShelfCache & { puts: number } {
  let stored = seed ? [seed] : []
  const cache = {
    puts: 0,
    open: () => {},
    get: () => stored[0],
    any: () => stored.length > 0,
    put: (_: ShelfRequest, r: ShelfResult) => void ((stored = [r]), cache.puts++),
    entries: () => stored,
    clear: () => void (stored = []),
  }
  return cache
}

const request = { placement: 'for-you', limit: 10 }

describe('createLazyEngine', () => {
  it('ranks a first visit from the early shelf (the cache first, when it has this shelf) until the engine is ready', async () => {
    let resolve!: (e: Localshelf) => void
    let early: ((r: ShelfRequest) => ShelfResult | undefined) | undefined
    const lazy = createLazyEngine(new Promise((r) => (resolve = r)), memoryCache(), undefined, undefined, () => early)
    expect(lazy.recommend(request)).toEqual({ placement: 'for-you', items: [], source: 'popular' })
    early = (r) => (r.placement == 'for-you' ? { placement: r.placement, source: 'popular', items: [{ id: 'head', title: 'Head' }] } : undefined)
    expect(lazy.recommend(request).items[0].id).toBe('head')
    expect(lazy.recommend({ placement: 'similar', item: 'x', limit: 10 }).items).toEqual([])
    const cached = createLazyEngine(new Promise(() => {}), memoryCache({ placement: 'for-you', source: 'personal', items: [{ id: 'cached', title: 'Cached' }] }), undefined, undefined, () => early)
    expect(cached.recommend(request).items[0].id).toBe('cached')
    resolve(engine().shelf)
    await lazy.ready
    expect(lazy.recommend(request).items[0].id).toBe('live')
  })

  it('ranks from the cache and queues tracks until the engine is ready, then delegates and caches', async () => {
    let resolve!: (e: Localshelf) => void
    const cache = memoryCache({ placement: 'for-you', source: 'personal', items: [{ id: 'cached', title: 'Cached' }] })
    const lazy = createLazyEngine(new Promise((r) => (resolve = r)), cache)
    const notified = vi.fn()
    lazy.subscribe(notified)
    expect(lazy.recommend(request).items[0].id).toBe('cached')
    lazy.track('view', 'a')
    expect(lazy.state().catalogSize).toBe(0)
    const real = engine()
    resolve(real.shelf)
    await lazy.ready
    expect(real.tracked).toEqual([['view', 'a']])
    expect(notified).toHaveBeenCalled()
    expect(lazy.recommend(request).items[0].id).toBe('live')
    expect(cache.get(request)?.items[0].id).toBe('live')
    expect(lazy.state().catalogSize).toBe(3)
    // A member this object does not define is the engine's (e.g. one added after this file).
    const withMore = engine({ stats: () => 'stats' })
    const lazier = createLazyEngine(Promise.resolve(withMore.shelf), memoryCache())
    await lazier.ready
    expect((lazier as unknown as { stats: () => string }).stats()).toBe('stats')
  })

  it('hands each shelf to the engine, which tells it in a turn of its own: no second deferral of ours', async () => {
    let resolve!: (e: Localshelf) => void
    const lazy = createLazyEngine(new Promise((r) => (resolve = r)), memoryCache())
    const log: string[] = []
    const a = (change?: unknown) => log.push(`a ${change ?? 'switch'}`)
    const b = (change?: unknown) => log.push(`b ${change ?? 'switch'}`)
    const gone = () => log.push('gone')
    lazy.subscribe(a)
    lazy.subscribe(b)
    lazy.subscribe(gone)()
    const real = engine()
    resolve(real.shelf)
    await lazy.ready
    // The switch from the cache to the engine: every shelf re-ranks, one per turn (src/ui/turn.ts).
    expect(log).toEqual(['a switch', 'b switch'])
    // Later changes go from the engine to the shelves themselves, not through a listener of ours.
    expect(real.listeners).toEqual([a, b])
    const late = () => {}
    const unsubscribe = lazy.subscribe(late)
    expect(real.listeners).toEqual([a, b, late])
    unsubscribe()
    expect(real.listeners).toEqual([a, b])
  })

  it('exports the cached rankings, and after erase caches nothing more on this page', async () => {
    const real = engine()
    const cache = memoryCache()
    const lazy = createLazyEngine(Promise.resolve(real.shelf), cache)
    await lazy.ready
    lazy.recommend(request)
    expect(await lazy.exportData()).toEqual({ events: [], cachedShelves: [expect.objectContaining({ placement: 'for-you' })] })
    await lazy.erase()
    expect(real.shelf.erase).toHaveBeenCalled()
    expect(cache.any()).toBe(false)
    lazy.recommend(request)
    expect(cache.any()).toBe(false)
  })

  it('a chunk that fails to load resolves ready, reports once and leaves the shelves empty', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const lazy = createLazyEngine(Promise.reject(new Error('404')), memoryCache())
    await lazy.ready
    expect(lazy.state().error).toMatch(/engine failed to load: 404/)
    expect(lazy.recommend(request).items).toEqual([])
    expect(error).toHaveBeenCalledTimes(1)
    error.mockRestore()
  })

  it('stores no ranking while the engine records nothing (no consent yet, or paused)', async () => {
    const cache = memoryCache()
    const real = engine({ state: () => ({ catalogSize: 3, recording: false }) })
    const lazy = createLazyEngine(Promise.resolve(real.shelf), cache)
    await lazy.ready
    expect(lazy.recommend(request).items[0].id).toBe('live')
    expect(cache.puts).toBe(0)
  })

  it('resolves a queued track with the engine\'s acknowledgement, and false when the engine failed to load', async () => {
    let resolve!: (e: Localshelf) => void
    const lazy = createLazyEngine(new Promise((r) => (resolve = r)), memoryCache())
    const ack = lazy.track('view', 'a')
    resolve(engine().shelf)
    expect(await ack).toBe(true)
    const error = vi.spyOn(console, 'error').mockImplementation(() => {})
    const broken = createLazyEngine(Promise.reject(new Error('404')), memoryCache())
    const lost = broken.track('view', 'b')
    await broken.ready
    expect(await lost).toBe(false)
    error.mockRestore()
  })
})
