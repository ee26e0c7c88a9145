import { reassemble, ROWS_VERSION } from './model-rows'
import { MODEL_KEY, type DBRef, type PersistedModel } from './schema'

// One slot: a newer training run replaces the weights, there is no history to keep.
export { MODEL_KEY }

/** The persisted model, or undefined when none was saved yet. Rejects when the database cannot be read. */
// Explicit transactions throughout, not idb's `db.get(…)` shortcuts: those look their method names
// up with Array.prototype.includes, which a host page may have broken.
// A version-2 header's rows are read in the same transaction (see model-rows.ts), so a load never
// mixes two rounds; it resolves to the same `{ weights, trainer, … }` shape as a version-1 model.
export const loadModel = async (db: DBRef): Promise<PersistedModel | undefined> => {
  const store = (await db).transaction('model').store
  const header = (await store.get(MODEL_KEY)) as PersistedModel | undefined
  return header?.version === ROWS_VERSION ? reassemble(store, header) : header
}

export const saveModel = async (db: DBRef, value: PersistedModel): Promise<void> => {
  const tx = (await db).transaction('model', 'readwrite')
  await Promise.all([tx.store.put(value, MODEL_KEY), tx.done])
}

export const clearModel = async (db: DBRef): Promise<void> => {
  const tx = (await db).transaction('model', 'readwrite')
  await Promise.all([tx.store.delete(MODEL_KEY), tx.done])
}
