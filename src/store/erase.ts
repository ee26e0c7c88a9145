import type { ImpressionCount } from '../core/impressions'
import type { StoredEvent } from '../core/types'
import { clearDerived } from './derived-store'
import type { EventLog } from './event-log'
import type { ImpressionLog } from './impression-log'
import { loadModel } from './model-store'
import type { DBRef, PersistedModel } from './schema'

/** What `exportAll` says about the saved model: when it learned, and how big it is, not the weights. */
export type ModelSummary = Pick<PersistedModel, 'version' | 'savedAt' | 'trainedThroughSeq'> & {
  /** How many numbers the saved data holds (typed-array elements included); for a model saved by rows, its weights (the optimiser state stays with the trainer). */
  parameters: number
}

/** Everything Localshelf stores about the shopper on this device, as JSON-serialisable data. */
export type LocalshelfExport = {
  /** Milliseconds since the epoch. */
  exportedAt: number
  events: StoredEvent[]
  /** Products shown on shelves, counted per UTC day, placement, arm and item (kept apart from `events`). */
  impressions: ImpressionCount[]
  model: ModelSummary | null
  meta: Record<string, unknown>
}

// A database that never opened holds nothing: then there is only the log's memory to cover.
const opened = (db: DBRef) => Promise.resolve(db).catch(() => undefined)

const countNumbers = (value: unknown): number =>
  typeof value == 'number'
    ? 1
    : ArrayBuffer.isView(value)
      ? ((value as Float32Array).length ?? 0)
      : value && typeof value == 'object'
        ? Object.values(value).reduce((n: number, v) => n + countNumbers(v), 0)
        : 0

/** Deletes every event (stored, queued, journaled), every impression count, the model and all meta values. */
export const eraseAll = async (db: DBRef, log: EventLog, impressions?: ImpressionLog): Promise<void> => {
  await Promise.all([log.clear(), impressions?.clear()])
  const d = await opened(db)
  if (!d) return
  // Events and impressions too: a log may have fallen back to memory and left IndexedDB's rows behind.
  const tx = d.transaction(['events', 'impressions', 'model', 'meta'], 'readwrite')
  await Promise.all([tx.objectStore('events').clear(), tx.objectStore('impressions').clear(), tx.objectStore('model').clear(), tx.objectStore('meta').clear(), tx.done])
  await clearDerived(d)
}

export const exportAll = async (db: DBRef, log: EventLog, impressionLog?: ImpressionLog): Promise<LocalshelfExport> => {
  const [events, impressions = []] = await Promise.all([log.all(), impressionLog?.all()])
  const d = await opened(db)
  const tx = d?.transaction('meta')
  // loadModel reassembles a model saved by row chunks, so the summary counts all its numbers.
  const [model, keys = [], values = []] = tx && d
    ? await Promise.all([loadModel(d), tx.store.getAllKeys(), tx.store.getAll()])
    : []
  return {
    exportedAt: Date.now(),
    events,
    impressions,
    model: model ? { version: model.version, savedAt: model.savedAt, trainedThroughSeq: model.trainedThroughSeq, parameters: countNumbers(model.data) } : null,
    meta: Object.fromEntries(keys.map((k, i) => [k, values[i]])),
  }
}
