import type { DBRef } from './schema'

/** The value stored under `key`, or undefined. `T` is not checked: validate values an older version may have written. */
export const getMeta = async <T = unknown>(db: DBRef, key: string): Promise<T | undefined> => (await (await db).get('meta', key)) as T | undefined

/** Stores a structured-clonable value under `key`. */
export const setMeta = async (db: DBRef, key: string, value: unknown): Promise<void> => {
  await (await db).put('meta', value, key)
}
