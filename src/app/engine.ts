// The composition root: wires storage, catalog, model state, ranking and the training worker into
// the object a page talks to (`window.Localshelf` or `createLocalshelf()`).
import type { InteractionEvent, Item, StoredEvent } from '../core/types'
import { own } from '../core/own'
import { withTimeout } from '../core/timeout'
import { eraseAll, exportAll } from '../store/erase'
import { loadModel } from '../store/model-store'
import { loadFeatures, saveFeatures } from '../store/derived-store'
import type { ShelfEngine, ShelfRequest, ShelfResult } from '../ui/engine-types'
import { createTrainerClient, type TrainerClient } from '../worker/client'
import { FINE_TUNE } from '../model/fine-tune'
import type { FromWorker } from '../worker/protocol'
import { loadCatalog } from './catalog-source'
import { loadShopModel } from './shop-model'
import type { LocalshelfState } from './options'
import type { EngineOptions } from './packaged-assets'
import { createRetry } from './retry'
import { setMeta } from '../store/meta-store'
import { createArms } from './arms'
import { consentRequired, createConsent } from './consent'
import { createStorage } from './storage'
import { createCatalogState } from './catalog-state'
import { createModelState } from './model-state'
import { createExtrasLoader } from './extras-loader'
import type { Extras } from './extras-type'
import { TRAINED_KEY } from './privacy'
import { createShopperApi, type ShopperApi } from './shopper-api'
import { REASONS } from './reason'
import { recommendShelf, type RankingInputs } from './shelf-ranking'
import { coordinateTabs, type TabMessage } from './tab-lock'
import { createShelfNotifier, type ShelfListener } from './shelf-notifier'

/** The widget's public object. */
export interface Localshelf extends ShelfEngine, ShopperApi {
  /** Resolves once the catalog and the stored state are loaded (also when that failed: see `state().error`). */
  ready: Promise<void>
  state(): LocalshelfState
  /** Everything stored about the shopper on this device, as JSON-serialisable data. */
  exportData(): Promise<unknown>
  /**
   * Records an interaction. Resolves `true` once the event is durable (its IndexedDB transaction
   * completed: it survives a closed tab, a renderer crash and a killed browser), `false` when it was
   * rejected or could only be kept in memory. Never rejects.
   */
  track(type: string, itemId: string, props?: Record<string, unknown>): Promise<boolean>
  /** Deletes every stored event and the fine-tuned weights on this device. Always settles. */
  erase(): Promise<void>
  /** Stops the worker and page listeners. */
  dispose(): void
}


// The worker starts no earlier than this after the widget: see ensureWorker.
const FIRST_TRAINING_AFTER_MS = 2000
const HISTORY_KEPT = 400 // recent events kept in memory for ranking; the context uses the last 100 distinct items
// How long erase() waits for the worker to drop its state before it terminates it: a dead or stuck
// worker (failed to load, lost its GPU) must not keep the shopper's data from being erased.
const RESET_TIMEOUT_MS = 2000

export function createLocalshelf(options: EngineOptions): Localshelf {
  // --- storage -----------------------------------------------------------------------------
  // Nothing is created in IndexedDB before consent where the shop asks for it (src/app/storage.ts):
  // the database, the logs and every reader below are looked up on each use.
  const storage = createStorage(options, consentRequired(options))
  const dbName = storage.name
  const db = () => storage.db()
  const log = () => storage.log()
  const impressions = () => storage.impressions()
  const consent = createConsent(db, options)
  const arms = createArms(db, options)
  // Statistics, the privacy summary, the aggregate noise and query matching load on first use.
  const extras = createExtrasLoader(options.extras, () => notify())

  // --- state -------------------------------------------------------------------------------
  const catalog = createCatalogState()
  const model = createModelState(catalog, () => notify())
  let history: InteractionEvent[] = []
  let postedSeq = 0
  let storedEvents: StoredEvent[] = []
  let client: TrainerClient | undefined
  let trainTimer: ReturnType<typeof setTimeout> | undefined
  let firstStart: ReturnType<typeof setTimeout> | undefined
  const createdAt = performance.now()
  const status = { backend: 'none', backendReason: '', lastTrainMs: 0, workerTensors: 0, error: undefined as string | undefined }
  const listeners = new Set<ShelfListener>()
  // Once per frame at most, with what changed (src/app/shelf-notifier.ts); without an event, the
  // state's identities tell what moved.
  const notifier = createShelfNotifier(listeners, () => ({
    catalog: catalog.items, weights: model.rank, history, settings: [consent.granted(), arms.current(), extras.get()],
  }))
  function notify(event?: { type: string; item: string }): void {
    notifier.notify(event)
  }

  function fail(where: string, error: unknown): void {
    status.error = `${where}: ${error instanceof Error ? error.message : String(error)}`
    console.error('Localshelf: ' + status.error)
  }

  // --- tabs: one trainer per shop at a time (src/app/tab-lock.ts) -----------------------------
  // A tab that does not learn never holds the lock: it would keep the others from training.
  const tabs = options.learn === false ? { trainer: false, post() {}, dispose() {} } : coordinateTabs(dbName, {
    // This tab became the trainer (first in line, or another trainer tab closed): pick up where the
    // last trainer's saved state left off, and train on whatever it had not.
    elected: () =>
      void ready.then(async () => {
        if (client) return
        await model.adopt(await loadModel(db()).catch(() => undefined))
        storedEvents = await log().all()
        if (storedEvents.length) postedSeq = storedEvents[storedEvents.length - 1].seq
        if (storedEvents.some((e) => e.seq > model.trainedThroughSeq && e.type !== 'impression')) ensureWorker()
      }).catch((error) => fail('training', error)),
    message(message: TabMessage) {
      if (message.kind === 'events' && tabs.trainer) scheduleTraining()
      else if (message.kind === 'delta' && !tabs.trainer && catalog.features && message.trainedThroughSeq > model.weightsSeq) {
        // A tab that missed a round (opened mid-way, an erase elsewhere) or holds another model
        // reloads the saved one instead: the trainer saved this round before it posted.
        const reload = () => void loadModel(db()).then(model.adopt).catch((error) => fail('training', error))
        if (message.fromSeq !== model.weightsSeq || message.delta.dim !== model.rank?.weights.dim) reload()
        else {
          model.trainedThroughSeq = Math.max(model.trainedThroughSeq, message.trainedThroughSeq)
          model.patchWeights(message.delta, message.trainedThroughSeq)
        }
      }
    },
  })

  // --- training worker (the lazily loaded ML chunk) ------------------------------------------
  // A worker that failed to load is dropped and started again later, with every untrained event.
  const retry = createRetry(() => {
    log().all().then((events) => {
      if (client) return
      storedEvents = events
      ensureWorker()
    }, (error) => fail('training', error))
  })

  function onWorker(message: FromWorker): void {
    if (message.kind === 'backend') {
      retry.succeeded()
      status.backend = message.backend
      status.backendReason = message.reason
    } else if (message.kind === 'trained') {
      model.trainedThroughSeq = message.trainedThroughSeq
      status.lastTrainMs = message.ms
      status.workerTensors = message.numTensors
      // Personal only when this device's events actually trained the weights (steps > 0).
      if (message.steps > 0 && message.delta) {
        const fromSeq = model.weightsSeq
        model.patchWeights(message.delta, message.trainedThroughSeq)
        void setMeta(db(), TRAINED_KEY, { backend: status.backend, at: Date.now() }).catch(() => undefined)
        tabs.post({ kind: 'delta', delta: message.delta, fromSeq, trainedThroughSeq: message.trainedThroughSeq })
      }
    } else if (message.kind === 'error') {
      if (status.backend === 'none') status.backend = 'unavailable'
      fail('training', message.message)
      if (client?.failed) {
        client.terminate()
        client = undefined
        retry.failed()
      }
    }
  }

  function ensureWorker(): TrainerClient | undefined {
    if (client || options.learn === false || typeof Worker === 'undefined' || !model.rank || !catalog.features || !tabs.trainer) return client
    // A shopper clicking through product pages would otherwise start the worker (tfjs, the wasm
    // backend) on every page for a few events each; the events wait on disk for a page they stay on.
    const wait = FIRST_TRAINING_AFTER_MS - (performance.now() - createdAt)
    if (wait > 0) {
      clearTimeout(firstStart)
      firstStart = setTimeout(ensureWorker, wait)
      return undefined
    }
    try {
      client = createTrainerClient(options.startWorker ?? options.workerUrl, onWorker)
      client.send({
        kind: 'init', dbName, features: catalog.features, weights: model.rank.weights, trainerState: model.trainerState, trainerItemIds: model.trainerItemIds, trainedThroughSeq: model.trainedThroughSeq, events: storedEvents,
        backend: options.backend ?? 'auto', wasmPath: options.wasmPath ?? new URL('./', new URL(options.workerUrl!, location.href)).href,
        options: { ...FINE_TUNE, contentWeight: catalog.contentWeight }, base: catalog.base,
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
        if (!tabs.trainer) {
          // Another tab trains: tell it once these events are on disk.
          await log().flush()
          return tabs.post({ kind: 'events' })
        }
        const fresh = await log().since(postedSeq)
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
  // Every catalogue-wide step runs in slices of a few ms (src/app/sliced.ts), never in one task:
  // at 100,000 products validation, content features and item vectors were 0.7-1.4 s each.
  async function start(): Promise<void> {
    const [loaded, persisted, events, shop] = await Promise.all([
      loadCatalog(options.catalog, options.origins),
      // Read once it is known whether the database opened (see src/app/storage.ts).
      storage.decided.then(() => loadModel(db())).catch(() => undefined),
      storage.decided.then(() => log().all()),
      // A broken shop model costs the shop its benefit, never the shelves.
      options.model ? loadShopModel(options.model).catch((error) => fail('shop model', error)) : undefined,
    ])
    await catalog.load(loaded, shop || undefined, {
      load: (key, count) => loadFeatures(db(), key, count),
      // Stored only with consent: the tables describe the shop's catalogue, not the shopper, but
      // their presence says the shopper visited, and before consent nothing is written at all.
      save: (key, built) => void consentLoaded.then(() => {
        if (consent.granted() && !consent.paused()) return saveFeatures(db(), key, built)
      }),
    })
    storedEvents = events
    history = events.slice(-HISTORY_KEPT)
    postedSeq = events.length ? events[events.length - 1].seq : 0
    if (!(await model.adopt(persisted))) await model.setWeightsSliced(catalog.initial!, false)
    // Fine-tune on what the last visit left untrained, once the first shelves have painted.
    if (events.some((e) => e.seq > model.trainedThroughSeq && e.type !== 'impression')) ensureWorker()
  }

  // The arm and the daily aggregate wait for consent: before it, nothing is stored.
  const consentLoaded = storage.decided.then(() => consent.load()).catch(() => undefined)
  const ready = Promise.all([start().catch((error) => fail('start', error)), consentLoaded]).then(measure)
  async function measure(): Promise<void> {
    if (!consent.granted()) return
    try {
      await arms.load()
      const { onAggregate } = options
      if (onAggregate) await (await extras.load()).maybeAggregate(db(), { ...options, onAggregate }, await log().all(), arms.current(), Date.now(), await impressions().all())
    } catch (error) {
      fail('measurement', error)
    }
  }

  // --- ranking ---------------------------------------------------------------------------------
  const strings = { ...REASONS, ...options.strings }
  let queryIndex: ReturnType<Extras['buildQueryIndex']> | undefined
  let queryItems: Item[] | undefined
  const rankingInputs: RankingInputs = {
    items: catalog.items, index: catalog.index, rank: model.rank, history, holdout: false, currency: options.currency, strings,
    stockMask: catalog.stockMask,
    // The vocabulary is built on the first query, once per catalog; until the code is loaded the
    // need shelf falls back to popular picks and re-ranks when it arrives.
    needScores: (query, context) => {
      const module = extras.get()
      if (!module || !model.rank) {
        extras.load().catch((error) => fail('need shelf', error))
        return undefined
      }
      if (queryItems !== catalog.items || !queryIndex) queryIndex = module.buildQueryIndex((queryItems = catalog.items))
      return module.queryScores(queryIndex, model.rank.features, model.rank.count, query, context)
    },
  }
  function recommend(request: ShelfRequest): ShelfResult {
    const inputs = Object.assign(rankingInputs, { items: catalog.items, index: catalog.index, rank: model.rank, history, holdout: arms.current() === 'holdout' })
    // Without consent every shelf is the trending one: nothing personal is known or used.
    if (!consent.granted()) return { ...recommendShelf(inputs, { ...request, placement: 'trending' }), placement: request.placement }
    return recommendShelf(inputs, request)
  }

  // --- public API ------------------------------------------------------------------------------
  const self: Localshelf = {
    ready,
    locale: options.locale,
    currency: options.currency,
    strings,
    recommend,
    subscribe(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    },
    inputVersions: () => notifier.versions(),
    track(type, itemId, props) {
      if (typeof type !== 'string' || !type || itemId == null || String(itemId) === '') {
        console.warn('Localshelf: track(type, itemId) needs a type such as "view" and a product id; event ignored')
        return Promise.resolve(false)
      }
      if (!consent.granted() || consent.paused()) return Promise.resolve(false)
      const event: InteractionEvent = { type, item: String(itemId), ts: Date.now() }
      // Own property only: a host's `Object.prototype.placement` must not become every event's.
      const placement = own(props, 'placement')
      if (typeof placement === 'string') event.placement = placement
      // Shelf events carry the arm they were served in, for the A/B stats.
      if (event.placement && (type === 'impression' || type === 'click')) props = { ...props, arm: arms.current() }
      if (props) event.props = props
      if (type === 'impression') return impressions().append(event)
      const durable = log().append(event)
      history.push(event)
      if (history.length > HISTORY_KEPT) history = history.slice(-HISTORY_KEPT)
      notify(event)
      if (type !== 'dismiss') scheduleTraining()
      return durable
    },
    state: () => ({
      backend: status.backend,
      backendReason: status.backendReason,
      eventsStored: log().stored(),
      trained: model.rank?.personal ?? false,
      catalogSize: catalog.items.length,
      catalogIssues: catalog.issues,
      modelSource: catalog.modelSource,
      lastTrainMs: status.lastTrainMs,
      workerTensors: status.workerTensors,
      recording: consent.granted() && !consent.paused(),
      error: status.error,
    }),
    async exportData() {
      await ready
      return exportAll(db(), log(), impressions())
    },
    async erase() {
      await ready
      clearTimeout(trainTimer)
      if (client && catalog.initial) {
        try {
          model.undoToInitial()
          await withTimeout(client.reset(catalog.initial), RESET_TIMEOUT_MS, 'the training worker did not answer')
        } catch {
          // Dead or stuck: stop it, so no late save can land after the erase; a new one starts on demand.
          client.terminate()
          client = undefined
        }
      }
      await eraseAll(db(), log(), impressions())
      // Nothing erased may reach a worker started later.
      clearTimeout(firstStart)
      storedEvents = []
      history = []
      postedSeq = 0
      model.reset()
      arms.reset()
      consent.reset()
    },
    dispose() {
      clearTimeout(trainTimer)
      clearTimeout(firstStart)
      tabs.dispose()
      retry.dispose()
      client?.terminate()
      storage.close()
      listeners.clear()
    },
    ...createShopperApi({
      ready, storage, consent, arms, extras, measure, notify, attributionDays: options.attributionDays,
      erase: () => self.erase(), titleOf: (id) => catalog.items[catalog.index.get(id) ?? -1]?.title ?? id,
    }),
  }
  return self
}
