import type { Localshelf } from '../app/engine'
import type { LocalshelfState } from '../app/options'
import type { ShelfChange, ShelfRequest, ShelfResult } from '../ui/engine-types'
import type { ShelfCache } from './shelf-cache'
import { tellEach } from '../ui/turn'

/**
 * The script tag's `window.Localshelf` before and after the engine's chunk has loaded. Before, it
 * ranks from the shelf cache (the shopper's last rankings), else from `early` (a first visit's
 * popularity shelf, src/first-paint/early-shelf.ts), and queues `track` calls; after, every
 * call goes to the engine, and each ranking refreshes the cache. `ready` resolves once the engine
 * is ready (or failed to load); members the engine has and this object lacks are forwarded.
 */
export function createLazyEngine(load: Promise<Localshelf>, cache: ShelfCache, locale?: string, currency?: string, early?: () => ((request: ShelfRequest) => ShelfResult | undefined) | undefined): Localshelf {
  let engine: Localshelf | undefined
  let error: string | undefined
  // After erase() this page stores no ranking: the next one starts as a first visit would.
  let erased = false
  const queued: { args: Parameters<Localshelf['track']>; done: (acknowledged: boolean) => void }[] = []
  // Each shelf's listener, and its subscription to the engine once the engine is here: the engine
  // then tells each shelf itself, in a turn of its own (src/ui/turn.ts). Passing its changes
  // through one listener of ours would defer every shelf twice (the engine's turn, then ours).
  const listeners = new Map<(change?: ShelfChange) => void, (() => void) | undefined>()
  // The switch from cache to engine (or to none) is a change of everything: one shelf per turn.
  const notify = () => tellEach(listeners.keys(), undefined, listeners)

  const ready = load.then(
    async (loaded) => {
      await loaded.ready
      engine = loaded
      for (const { args, done } of queued.splice(0)) loaded.track(...args).then(done)
      for (const listener of listeners.keys()) listeners.set(listener, loaded.subscribe(listener))
      // Every shelf painted from the cache re-ranks now: one shelf per task, not all in this one.
      await notify()
    },
    (cause) => {
      error = `the engine failed to load: ${cause instanceof Error ? cause.message : String(cause)}`
      console.error('Localshelf: ' + error)
      for (const { done } of queued.splice(0)) done(false)
      void notify()
    },
  )

  const shelf: Localshelf = {
    ready,
    locale,
    currency,
    recommend(request): ShelfResult {
      if (!engine) return cache.get(request) ?? early?.()?.(request) ?? { placement: request.placement, items: [], source: 'popular' }
      const result = engine.recommend(request)
      // Nothing is stored before consent (or while paused): the rankings derive from the shopper.
      if (!erased && engine.state().recording) cache.put(request, result)
      return result
    },
    subscribe(listener) {
      listeners.set(listener, engine?.subscribe(listener))
      return () => {
        listeners.get(listener)?.()
        listeners.delete(listener)
      }
    },
    track(...args) {
      if (engine) return engine.track(...args)
      if (error) return Promise.resolve(false)
      return new Promise((done) => queued.push({ args, done }))
    },
    // The shopper's controls work before the engine has arrived: they wait for it. A "no" erases
    // everything, the cached rankings too.
    consent(value) {
      if (!value) {
        erased = true
        cache.clear()
      } else erased = false
      return ready.then(() => engine?.consent(value))
    },
    pause: () => ready.then(() => engine?.pause()),
    resume: () => ready.then(() => engine?.resume()),
    getStats: () => ready.then(() => engine?.getStats() ?? []),
    privacy: () => ready.then(() => (engine ? engine.privacy() : Promise.reject(new Error(error ?? 'the engine is not loaded')))),
    arm: () => engine?.arm() ?? 'model',
    state: (): LocalshelfState => engine?.state() ?? {
      backend: 'none', backendReason: '', eventsStored: 0, trained: false, catalogSize: 0, catalogIssues: 0,
      modelSource: 'content', lastTrainMs: 0, trainRounds: 0, workerTensors: 0, recording: false, error,
    },
    // The cached rankings derive from the shopper's history, so they are exported beside it.
    exportData: () => ready.then(async () => ({ ...((await engine?.exportData()) as object), cachedShelves: cache.entries() })),
    async erase() {
      erased = true
      cache.clear()
      await ready
      await engine?.erase()
    },
    dispose() {
      ready.then(() => engine?.dispose())
    },
  }
  return new Proxy(shelf, { get: (target, name) => (name in target ? target[name as keyof Localshelf] : (engine as never)?.[name]) })
}
