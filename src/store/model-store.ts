import type { DBRef, PersistedModel } from './schema'

// One slot: a newer training run replaces the weights, there is no history to keep.
export const MODEL_KEY = 'current'

/** The persisted model, or undefined when none was saved yet. Rejects when the database cannot be read. */
// Explicit transactions throughout, not idb's `db.get(…)` shortcuts: those look their method names
// up with Array.prototype.includes, which a host page may have broken.
export const loadModel = async (db: DBRef): Promise<PersistedModel | undefined> => (await db).transaction('model').store.get(MODEL_KEY)

export const saveModel = async (db: DBRef, value: PersistedModel): Promise<void> => {
  const tx = (await db).transaction('model', 'readwrite')
  await Promise.all([tx.store.put(value, MODEL_KEY), tx.done])
}

export const clearModel = async (db: DBRef): Promise<void> => {
  const tx = (await db).transaction('model', 'readwrite')
  await Promise.all([tx.store.delete(MODEL_KEY), tx.done])
}
