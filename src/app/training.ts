// Fine-tuning on the device: the training worker (the lazily loaded ML chunk) started late and
// retried when it fails to load, the events handed to it, and the tabs of one shop agreeing on a
// single trainer (src/app/tab-lock.ts) whose rounds the other tabs apply as deltas.
import type { StoredEvent } from '../core/types'
import { unpackFeatures } from '../core/packed-features'
import { withTimeout } from '../core/timeout'
import { FINE_TUNE } from '../model/fine-tune'
import type { EventLog } from '../store/event-log'
import { setMeta } from '../store/meta-store'
import { loadModel } from '../store/model-store'
import type { DBRef } from '../store/schema'
import { createTrainerClient, type TrainerClient } from '../worker/client'
import type { FromWorker } from '../worker/protocol'
import type { CatalogState } from './catalog-state'
import type { ModelState } from './model-state'
import type { EngineOptions } from './packaged-assets'
import { TRAINED_KEY } from './privacy'
import { createRetry } from './retry'
import { coordinateTabs, type TabMessage } from './tab-lock'

// The worker starts no earlier than this after the widget: see ensureWorker.
const FIRST_TRAINING_AFTER_MS = 2000
// How long erase() waits for the worker to drop its state before it terminates it: a dead or stuck
// worker (failed to load, lost its GPU) must not keep the shopper's data from being erased.
const RESET_TIMEOUT_MS = 2000
// Shown items kept for the worker between two rounds (its own list keeps the newest 1,200).
const MAX_SHOWN_PENDING = 1200

export interface TrainingParts {
  options: EngineOptions
  dbName: string
  db(): DBRef
  log(): EventLog
  catalog: CatalogState
  model: ModelState
  /** Resolves once start-up is done (a tab elected trainer waits for it). */
  ready(): Promise<unknown>
  fail(where: string, error: unknown): void
}

export interface Training {
  readonly status: { backend: string; backendReason: string; lastTrainMs: number; trainRounds: number; workerTensors: number }
  /** Start-up: the stored events, handed to the first worker. */
  load(events: StoredEvent[]): void
  /** Fine-tunes on what the last visit left untrained, once the first shelves have painted. */
  catchUp(events: StoredEvent[]): void
  /** After a tracked event: trains on the new events a little later (or tells the trainer tab). */
  schedule(): void
  /** An item was shown (an impression): handed to the worker with the next events, as a sequence model's fine-tune reads them. */
  shown(item: string): void
  /** The worker's part of an erase: drops its state (or is stopped); before the stores are cleared. */
  reset(): Promise<void>
  /** After the erase: nothing erased may reach a worker started later. */
  forget(): void
  dispose(): void
}

export function createTraining(p: TrainingParts): Training {
  const { options, dbName, catalog, model, fail } = p
  let postedSeq = 0
  let storedEvents: StoredEvent[] = []
  // Impressions since the last message to the worker (the stored ones it reads itself at start).
  let shownItems = new Set<string>()
  const takeShown = () => {
    const items = [...shownItems]
    shownItems = new Set()
    return items
  }
  let client: TrainerClient | undefined
  let trainTimer: ReturnType<typeof setTimeout> | undefined
  let firstStart: ReturnType<typeof setTimeout> | undefined
  const createdAt = performance.now()
  const status = { backend: 'none', backendReason: '', lastTrainMs: 0, trainRounds: 0, workerTensors: 0 }

  // --- tabs: one trainer per shop at a time (src/app/tab-lock.ts) -----------------------------
  // A tab that does not learn never holds the lock: it would keep the others from training.
  const tabs = options.learn === false ? { trainer: false, post() {}, dispose() {} } : coordinateTabs(dbName, {
    // This tab became the trainer (first in line, or another trainer tab closed): pick up where the
    // last trainer's saved state left off, and train on whatever it had not.
    elected: () =>
      void p.ready().then(async () => {
        if (client) return
        await model.adopt(await loadModel(p.db()).catch(() => undefined))
        storedEvents = await p.log().all()
        if (storedEvents.length) postedSeq = storedEvents[storedEvents.length - 1].seq
        if (storedEvents.some((e) => e.seq > model.trainedThroughSeq && e.type !== 'impression')) ensureWorker()
      }).catch((error) => fail('training', error)),
    message(message: TabMessage) {
      if (message.kind === 'events' && tabs.trainer) scheduleTraining()
      else if (message.kind === 'delta' && !tabs.trainer && catalog.features && message.trainedThroughSeq > model.weightsSeq) {
        // A tab that missed a round (opened mid-way, an erase elsewhere) or holds another model
        // reloads the saved one instead: the trainer saved this round before it posted.
        const reload = () => void loadModel(p.db()).then(model.adopt).catch((error) => fail('training', error))
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
    p.log().all().then((events) => {
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
      status.trainRounds++
      status.workerTensors = message.numTensors
      // Personal only when this device's events actually trained the weights (steps > 0).
      if (message.steps > 0 && message.delta) {
        const fromSeq = model.weightsSeq
        model.patchWeights(message.delta, message.trainedThroughSeq)
        void setMeta(p.db(), TRAINED_KEY, { backend: status.backend, at: Date.now() }).catch(() => undefined)
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
        kind: 'init', dbName, features: unpackFeatures(catalog.features), weights: model.workerWeights()!, trainerState: model.trainerState, trainerItemIds: model.trainerItemIds, trainedThroughSeq: model.trainedThroughSeq, events: storedEvents,
        backend: options.backend ?? 'auto', wasmPath: options.wasmPath ?? new URL('./', new URL(options.workerUrl!, location.href)).href,
        options: { ...FINE_TUNE, contentWeight: catalog.contentWeight }, base: catalog.base, shown: takeShown(),
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
          await p.log().flush()
          return tabs.post({ kind: 'events' })
        }
        const fresh = await p.log().since(postedSeq)
        if (fresh.length) postedSeq = fresh[fresh.length - 1].seq
        if (client) client.send({ kind: 'train', events: fresh, shown: takeShown() })
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

  return {
    status,
    load(events) {
      storedEvents = events
      postedSeq = events.length ? events[events.length - 1].seq : 0
    },
    catchUp(events) {
      if (events.some((e) => e.seq > model.trainedThroughSeq && e.type !== 'impression')) ensureWorker()
    },
    schedule: scheduleTraining,
    shown(item) {
      // Bounded between two rounds like the worker's own list (a page that shows a lot and never trains).
      if (shownItems.size < MAX_SHOWN_PENDING) shownItems.add(item)
    },
    async reset() {
      clearTimeout(trainTimer)
      const initial = client && model.initialWeights()
      if (client && initial) {
        try {
          await withTimeout(client.reset(initial), RESET_TIMEOUT_MS, 'the training worker did not answer')
        } catch {
          // Dead or stuck: stop it, so no late save can land after the erase; a new one starts on demand.
          client.terminate()
          client = undefined
        }
      }
    },
    forget() {
      clearTimeout(firstStart)
      storedEvents = []
      shownItems = new Set()
      postedSeq = 0
    },
    dispose() {
      clearTimeout(trainTimer)
      clearTimeout(firstStart)
      tabs.dispose()
      retry.dispose()
      client?.terminate()
    },
  }
}
