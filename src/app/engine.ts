// The composition root: wires storage, catalog, model state, ranking and the training worker into
// the object a page talks to (`window.Localshelf` or `createLocalshelf()`).
import { eraseAll, exportAll } from '../store/erase'
import { loadModel } from '../store/model-store'
import { loadFeatures, saveFeatures } from '../store/derived-store'
import type { ShelfEngine } from '../ui/engine-types'
import { loadCatalog } from './catalog-source'
import { loadShopModel } from './shop-model'
import type { LocalshelfState } from './options'
import type { EngineOptions } from './packaged-assets'
import { createArms } from './arms'
import { consentRequired, createConsent } from './consent'
import { createStorage } from './storage'
import { createCatalogState } from './catalog-state'
import { createModelState } from './model-state'
import { createTraining } from './training'
import { createExtrasLoader } from './extras-loader'
import { createShopperApi, type ShopperApi } from './shopper-api'
import { REASONS } from './reason'
import { createRanking } from './ranking'
import { warmRanking } from './warm-ranking'
import { createShelfNotifier, type ShelfListener } from './shelf-notifier'
import { createTracker } from './tracker'

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
  const status = { error: undefined as string | undefined }
  // track(): events into the logs and the recent history (src/app/tracker.ts); first, because the
  // notifier reads the history as it is created.
  const tracker = createTracker({
    recording: () => consent.granted() && !consent.paused(),
    arm: () => arms.current(),
    appendImpression(event) {
      // The worker's sequence fine-tune learns from what was shown and passed over.
      training.shown(event.item)
      return impressions().append(event)
    },
    appendEvent: (event) => log().append(event),
    recorded(event) {
      notify(event)
      if (event.type !== 'dismiss') training.schedule()
    },
  })
  const listeners = new Set<ShelfListener>()
  // Once per frame at most, with what changed (src/app/shelf-notifier.ts); without an event, the
  // state's identities tell what moved.
  const notifier = createShelfNotifier(listeners, () => ({
    catalog: catalog.items, weights: model.rank, history: tracker.history(), settings: [consent.granted(), arms.current(), extras.get()],
  }))
  function notify(event?: { type: string; item: string }): void {
    notifier.notify(event)
  }

  function fail(where: string, error: unknown): void {
    status.error = `${where}: ${error instanceof Error ? error.message : String(error)}`
    console.error('Localshelf: ' + status.error)
  }

  // --- training: the worker, its scheduling and the tabs' one trainer (src/app/training.ts) ------
  const training = createTraining({ options, dbName, db, log, catalog, model, ready: () => ready, fail })

  // --- start-up --------------------------------------------------------------------------------
  // Every catalogue-wide step runs in slices of a few ms (src/app/sliced.ts), never in one task:
  // at 100,000 products validation, content features and item vectors were 0.7-1.4 s each.
  async function start(): Promise<void> {
    const [loaded, persisted, events, shop] = await Promise.all([
      loadCatalog(options.catalog, options.origins, options.prefetched?.catalog),
      // Read once it is known whether the database opened (see src/app/storage.ts).
      storage.decided.then(() => loadModel(db())).catch(() => undefined),
      storage.decided.then(() => log().all()),
      // A broken shop model costs the shop its benefit, never the shelves.
      options.model ? loadShopModel(options.model, options.prefetched).catch((error) => fail('shop model', error)) : undefined,
    ])
    await catalog.load(loaded, shop || undefined, {
      load: (key, count) => loadFeatures(db(), key, count),
      // Stored only with consent: the tables describe the shop's catalogue, not the shopper, but
      // their presence says the shopper visited, and before consent nothing is written at all.
      save: (key, built) => void consentLoaded.then(() => {
        if (consent.granted() && !consent.paused()) return saveFeatures(db(), key, built)
      }),
    })
    training.load(events)
    tracker.load(events)
    if (!(await model.adopt(persisted))) await model.setWeightsSliced(catalog.initial!, false)
    await warmRanking(model.rank, catalog.stockMask)
    // Fine-tune on what the last visit left untrained, once the first shelves have painted.
    training.catchUp(events)
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
  const recommend = createRanking({
    catalog, model, history: tracker.history, arms, consent, extras, strings, currency: options.currency, fail,
  })

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
    track: tracker.track,
    state: () => ({
      backend: training.status.backend,
      backendReason: training.status.backendReason,
      eventsStored: log().stored(),
      trained: model.rank?.personal ?? false,
      catalogSize: catalog.items.length,
      catalogIssues: catalog.issues,
      modelSource: catalog.modelSource,
      lastTrainMs: training.status.lastTrainMs,
      trainRounds: training.status.trainRounds,
      workerTensors: training.status.workerTensors,
      recording: consent.granted() && !consent.paused(),
      error: status.error,
    }),
    async exportData() {
      await ready
      return exportAll(db(), log(), impressions())
    },
    async erase() {
      await ready
      await training.reset()
      await eraseAll(db(), log(), impressions())
      // Nothing erased may reach a worker started later.
      training.forget()
      tracker.clear()
      model.reset()
      arms.reset()
      consent.reset()
    },
    dispose() {
      training.dispose()
      storage.close()
      listeners.clear()
    },
    ...createShopperApi({
      ready, storage, consent, arms, extras, measure, notify, attributionDays: options.attributionDays,
      erase: () => self.erase(), titleOf: (id) => catalog.items.title(catalog.index.get(id) ?? -1) ?? id,
    }),
  }
  return self
}
