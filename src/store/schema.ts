// The whole IndexedDB schema, declared once: every store access in Localshelf is typed from it.
import type { DBSchema, IDBPDatabase } from 'idb'
import type { ImpressionCount } from '../core/impressions'
import type { ContentFeatures, InteractionEvent, StoredEvent } from '../core/types'

/** Bump together with a new step in `db.ts`'s upgrade, never edit a shipped step. */
export const DB_VERSION = 3

/** An event waiting to be stored: `uid` lets a journal replay skip what already got in. */
export type NewEvent = InteractionEvent & { uid: string }

/** An event as the `events` store holds it. */
export type EventRecord = StoredEvent & { uid: string }

/** What the trainer persists under `'current'` in the `model` store. */
export interface PersistedModel {
  /** Format version of `data`, owned by whoever writes it; readers skip versions they do not know. */
  version: number
  /** Milliseconds since the epoch. */
  savedAt: number
  /** The highest event `seq` the weights have learned from. */
  trainedThroughSeq: number
  /** Structured-clonable payload (typed arrays are fine). */
  data: Record<string, unknown>
}

/** The key of the saved model's header; its other parts use keys that start with `${MODEL_KEY}:` (see model-rows.ts). */
export const MODEL_KEY = 'current'

/** A part of a model saved by row chunks (model-rows.ts): a chunk of rows or the static tables. */
export type ModelPart = { a: Float32Array; b: Float32Array } | { itemIds: string[]; tokenEmb: Float32Array }

export interface LocalshelfDB extends DBSchema {
  events: { key: number; value: EventRecord; indexes: { ts: number; uid: string } }
  model: { key: string; value: PersistedModel | ModelPart }
  meta: { key: string; value: unknown }
  /** Tables derived from the catalogue, reused by a returning shopper (src/store/derived-store.ts). Version 2. */
  derived: { key: string; value: DerivedRecord }
  /** Daily impression counts, keyed by core/impressions.ts `impressionKey` (since version 3). */
  impressions: { key: string; value: ImpressionCount; indexes: { last: number } }
}

/** A derived table and the key (catalogue text hash, model, format) it was computed for. */
export interface DerivedRecord {
  key: string
  features: ContentFeatures
}

/** An open database, or the promise of one: store functions accept both. */
export type DBRef = IDBPDatabase<LocalshelfDB> | Promise<IDBPDatabase<LocalshelfDB>>
