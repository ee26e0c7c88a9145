import type { DBRef, PersistedModel } from './schema'

// One slot: a newer training run replaces the weights, there is no history to keep.
export const MODEL_KEY = 'current'

/** The persisted model, or undefined when none was saved yet. Rejects when the database cannot be read. */
export const loadModel = async (db: DBRef): Promise<PersistedModel | undefined> => (await db).get('model', MODEL_KEY)

export const saveModel = async (db: DBRef, value: PersistedModel): Promise<void> => {
  await (await db).put('model', value, MODEL_KEY)
}

export const clearModel = async (db: DBRef): Promise<void> => (await db).delete('model', MODEL_KEY)
