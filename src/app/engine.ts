// The composition root: wires storage, catalog, model state, ranking and the training worker into
// the object a page talks to (`window.Localshelf` or `createLocalshelf()`).
import { buildContentFeatures } from '../core/features'
import { historyContext, historySets } from '../core/history'
import { rankShelf, type RankState } from '../core/recommend'
import type { ContentFeatures, InteractionEvent, Item, ModelWeights } from '../core/types'
import { itemVectors } from '../core/vectors'
import { initWeights, remapWeights } from '../core/weights'
import { eraseAll, exportAll } from '../store/erase'
import { openLocalshelfDB } from '../store/db'
import { createEventLog } from '../store/event-log'
import { loadModel } from '../store/model-store'
import type { ShelfEngine, ShelfRequest, ShelfResult } from '../ui/engine-types'
import { createTrainerClient, type TrainerClient } from '../worker/client'
import { FINE_TUNE } from '../model/fine-tune'
import type { FromWorker } from '../worker/protocol'
import { loadCatalog } from './catalog-source'
import { loadShopModel } from './shop-model'
import type { LocalshelfOptions, LocalshelfState } from './options'
import { reasonText } from './reason'

/** The widget's public object. */
export interface Localshelf extends ShelfEngine {
  /** Resolves once the catalog and the stored state are loaded (also when that failed: see `state().error`). */
  ready: Promise<void>
  state(): LocalshelfState
  /** Everything stored about the shopper on this device, as JSON-serialisable data. */
  exportData(): Promise<unknown>
  /** Deletes every stored event and the fine-tuned weights on this device. */
  erase(): Promise<void>
  /** Stops the worker and page listeners. */
  dispose(): void
}

const HISTORY_KEPT = 400 // recent events kept in memory for ranking; the context uses the last 100 distinct items

export function createLocalshelf(options: LocalshelfOptions): Localshelf {
  // --- storage -----------------------------------------------------------------------------
  const dbName = options.dbName ?? 'localshelf'
  const db = openLocalshelfDB(dbName)
  const log = createEventLog(db)

  // --- state -------------------------------------------------------------------------------
  let items: Item[] = []
  let index = new Map<string, number>()
  let features: ContentFeatures | undefined
  let initial: ModelWeights | undefined
  let rank: RankState | undefined
  let popularity = new Float32Array(0)
  /** The content cosine's weight from the shop model's files (ranking and fine-tuning alike). */
  let contentWeight = FINE_TUNE.contentWeight
  /** What the fine-tune starts from: the shop model's fingerprint, or the content-only start. */
  let base = 'content'
  let stockMask: Uint8Array | undefined // out-of-stock items, per catalog
  let history: InteractionEvent[] = []
  let eventCount = 0
  let trainedThroughSeq = 0
  let postedSeq = 0
  let storedEvents: Awaited<ReturnType<typeof log.all>> = []
  let trainerState: unknown
  let trainerItemIds: string[] | undefined
  let client: TrainerClient | undefined
  let trainTimer: ReturnType<typeof setTimeout> | undefined
  const status = { backend: 'none', backendReason: '', lastTrainMs: 0, workerTensors: 0, catalogIssues: 0, modelSource: 'content' as 'shop' | 'content', error: undefined as string | undefined }
  const listeners = new Set<() => void>()
  let notifyQueued = false

  function notify(): void {
    if (notifyQueued) return
    notifyQueued = true
    queueMicrotask(() => {
      notifyQueued = false
      for (const listener of listeners) listener()
    })
  }

  function fail(where: string, error: unknown): void {
    status.error = `${where}: ${error instanceof Error ? error.message : String(error)}`
    console.error('Localshelf: ' + status.error)
  }

  function setWeights(weights: ModelWeights, personal: boolean): void {
    if (!features) return
    rank = { count: items.length, features, weights, vectors: itemVectors(weights, features), personal, popularity, contentWeight }
    notify()
  }

  // --- training worker (the lazily loaded ML chunk) ------------------------------------------
  function onWorker(message: FromWorker): void {
    if (message.kind === 'backend') {
      status.backend = message.backend
      status.backendReason = message.reason
    } else if (message.kind === 'trained') {
      trainedThroughSeq = message.trainedThroughSeq
      status.lastTrainMs = message.ms
      status.workerTensors = message.numTensors
      // Personal only when this device's events actually trained the weights (steps > 0).
      if (message.steps > 0) setWeights(remapWeights(message.weights, items.map((i) => i.id)), true)
    } else if (message.kind === 'error') {
      if (status.backend === 'none') status.backend = 'unavailable'
      fail('training', message.message)
    }
  }

  function ensureWorker(): TrainerClient | undefined {
    if (client || options.learn === false || typeof Worker === 'undefined' || !rank || !features) return client
    try {
      client = createTrainerClient(options.workerUrl, onWorker)
      client.send({
        kind: 'init', dbName, features, weights: rank.weights, trainerState, trainerItemIds, trainedThroughSeq, events: storedEvents,
        backend: options.backend ?? 'auto', wasmPath: options.wasmPath ?? new URL('./', new URL(options.workerUrl, location.href)).href,
        options: { ...FINE_TUNE, contentWeight }, base,
      })
      storedEvents = []
    } catch (error) {
      status.backend = 'unavailable'
      fail('worker', error)
    }
    return client
  }

  function scheduleTraining(): void {
    clearTimeout(trainTimer)
    trainTimer = setTimeout(async () => {
      try {
        const fresh = await log.since(postedSeq)
        if (fresh.length) postedSeq = fresh[fresh.length - 1].seq
        if (client) client.send({ kind: 'train', events: fresh })
        else {
          // A new worker gets every stored event in its init message.
          storedEvents = storedEvents.concat(fresh)
          ensureWorker()
        }
      } catch (error) {
        fail('training', error)
      }
    }, options.trainDelayMs ?? 400)
  }

  // --- start-up --------------------------------------------------------------------------------
  async function start(): Promise<void> {
    const [catalog, persisted, events, shop] = await Promise.all([
      loadCatalog(options.catalog),
      db.then(loadModel).catch(() => undefined),
      log.all(),
      // A broken shop model costs the shop its benefit, never the shelves.
      options.model ? loadShopModel(options.model).catch((error) => fail('shop model', error)) : undefined,
    ])
    items = catalog.items
    stockMask = undefined
    index = new Map(items.map((item, i) => [item.id, i]))
    const ids = items.map((i) => i.id)
    status.catalogIssues = catalog.issues.length
    if (shop) {
      features = buildContentFeatures(items, { buckets: shop.weights.buckets, maxTokens: shop.maxTokens })
      initial = remapWeights(shop.weights, ids)
      const byId = new Map(shop.weights.itemIds.map((id, i) => [id, shop.popularity[i]]))
      popularity = Float32Array.from(items, (item) => item.popularity ?? byId.get(item.id) ?? 0)
      contentWeight = shop.contentWeight
      base = shop.fingerprint ?? 'shop'
      status.modelSource = 'shop'
    } else {
      features = buildContentFeatures(items)
      initial = initWeights(ids, { buckets: features.buckets })
      // Without a shop model the catalog's own order (bestsellers first, usually) is the prior.
      popularity = Float32Array.from(items, (item, i) => item.popularity ?? (items.length - i) / items.length)
    }
    const saved = persisted?.data as { weights?: ModelWeights; trainer?: unknown; base?: string } | undefined
    // Weights fine-tuned from another starting model (the shop published a new one, or removed it)
    // are dropped: the stored events retrain the new one. Weights saved before the fingerprint
    // existed count as the content-only start's, or the first shop model's.
    const usable = saved?.weights && (saved.base ?? (saved.weights.neighbors ? base : 'content')) === base &&
      saved.weights.buckets === features.buckets && saved.weights.dim === initial.dim && !!saved.weights.neighbors === !!initial.neighbors
    storedEvents = events
    history = events.slice(-HISTORY_KEPT)
    eventCount = events.length
    postedSeq = events.length ? events[events.length - 1].seq : 0
    if (usable && persisted) {
      trainedThroughSeq = persisted.trainedThroughSeq
      trainerState = saved.trainer
      trainerItemIds = saved.weights!.itemIds
      setWeights(remapWeights(saved.weights!, items.map((i) => i.id)), trainedThroughSeq > 0)
    } else setWeights(initial, false)
    // Fine-tune on what the last visit left untrained, once the first shelves have painted.
    if (events.some((e) => e.seq > trainedThroughSeq && e.type !== 'impression')) setTimeout(() => ensureWorker(), 100)
  }

  const ready = start().catch((error) => fail('start', error))

  // --- ranking ---------------------------------------------------------------------------------
  function recommend(request: ShelfRequest): ShelfResult {
    const { placement } = request
    if (!rank) return { placement, items: [], source: 'popular' }
    const indexOf = (id: string) => index.get(id)
    const context = historyContext(history, indexOf)
    const sets = historySets(history)
    // One mask per ranking: a per-item Set lookup by id was a third of a 100k-item ranking.
    const mask = (stockMask ??= Uint8Array.from(items, (item) => (item.inStock === false ? 1 : 0))).slice()
    const mark = (ids: Set<string>) => ids.forEach((id) => { const i = index.get(id); if (i !== undefined) mask[i] = 1 })
    mark(sets.dismissed)
    mark(sets.purchased)
    // "For you" never offers what the shopper has already seen; the other shelves may.
    if (placement !== 'trending' && placement !== 'similar') mark(sets.seen)
    const excluded = (i: number) => mask[i] === 1
    const anchor = request.item === undefined ? undefined : index.get(request.item)
    let result = rankShelf(rank, { placement: placement === 'similar' && anchor === undefined ? 'for-you' : placement, limit: request.limit, history: context, item: anchor, excluded })
    // Never empty while the catalog is not: relax the filters step by step.
    if (!result.picks.length) result = rankShelf(rank, { placement: 'trending', limit: request.limit, history: context, excluded: (i) => items[i].inStock === false })
    if (!result.picks.length) result = rankShelf(rank, { placement: 'trending', limit: request.limit, history: context, excluded: () => false })
    const lastType = new Map(history.map((e) => [e.item, e.type]))
    return {
      placement,
      source: result.source,
      items: result.picks.map(({ index: i, because }) => {
        const item = items[i]
        const cause = because === undefined ? undefined : items[because]
        return {
          id: item.id, title: item.title ?? item.id, price: item.price, currency: item.currency ?? options.currency,
          image: item.image, url: item.url, reason: cause ? reasonText(lastType.get(cause.id), cause.title ?? cause.id) : undefined,
        }
      }),
    }
  }

  // --- public API ------------------------------------------------------------------------------
  const self: Localshelf = {
    ready,
    locale: options.locale,
    currency: options.currency,
    recommend,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    track(type, itemId, props) {
      if (typeof type !== 'string' || !type || itemId == null || String(itemId) === '') {
        console.warn('Localshelf: track(type, itemId) needs a type such as "view" and a product id; event ignored')
        return
      }
      const event: InteractionEvent = { type, item: String(itemId), ts: Date.now() }
      if (typeof props?.placement === 'string') event.placement = props.placement
      if (props) event.props = props
      log.append(event)
      eventCount++
      if (type === 'impression') return
      history.push(event)
      if (history.length > HISTORY_KEPT) history = history.slice(-HISTORY_KEPT)
      notify()
      if (type !== 'dismiss') scheduleTraining()
    },
    state: () => ({
      backend: status.backend,
      backendReason: status.backendReason,
      eventsStored: eventCount,
      trained: rank?.personal ?? false,
      catalogSize: items.length,
      catalogIssues: status.catalogIssues,
      modelSource: status.modelSource,
      lastTrainMs: status.lastTrainMs,
      workerTensors: status.workerTensors,
      error: status.error,
    }),
    async exportData() {
      await ready
      return exportAll(db, log)
    },
    async erase() {
      await ready
      clearTimeout(trainTimer)
      if (client && initial) await client.reset(initial)
      await eraseAll(db, log)
      history = []
      eventCount = 0
      trainedThroughSeq = 0
      postedSeq = 0
      trainerState = undefined
      if (initial) setWeights(initial, false)
    },
    dispose() {
      clearTimeout(trainTimer)
      client?.terminate()
      log.close()
      listeners.clear()
    },
  }
  return self
}
