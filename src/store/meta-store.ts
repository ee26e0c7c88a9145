import type { DBRef } from './schema'

/** The value stored under `key`, or undefined. `T` is not checked: validate values an older version may have written. */
// Explicit transactions, not idb's `db.get(…)` shortcuts (see model-store.ts).
export const getMeta = async <T = unknown>(db: DBRef, key: string): Promise<T | undefined> => (await (await db).transaction('meta').store.get(key)) as T | undefined

/** Stores a structured-clonable value under `key`. */
export const setMeta = async (db: DBRef, key: string, value: unknown): Promise<void> => {
  const tx = (await db).transaction('meta', 'readwrite')
  await Promise.all([tx.store.put(value, key), tx.done])
}
