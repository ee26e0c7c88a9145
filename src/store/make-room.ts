import { describeError, isQuotaError } from './quota'
import type { IDBPObjectStore } from 'idb'
import { MODEL_KEY, type DBRef, type LocalshelfDB, type PersistedModel } from './schema'
import { settled } from './settled'

/** The newest events model saves never evict: the shopper's latest pages are the history that matters most. */
const KEEP_NEWEST = 100

/**
 * Deletes the oldest `share` (0..1) of the stored events, sparing the newest `keepNewest`;
 * resolves with how many went.
 */
export const evictOldestEvents = async (db: DBRef, share: number, keepNewest = KEEP_NEWEST): Promise<number> => {
  const tx = (await db).transaction('events', 'readwrite')
  const seqs = await tx.store.getAllKeys()
  const cut = seqs.slice(0, Math.min(Math.ceil(seqs.length * share), Math.max(0, seqs.length - keepNewest)))
  await settled(tx, [...cut.map((seq) => tx.store.delete(seq)), tx.done])
  return cut.length
}

/** How long to let the database reclaim deleted rows before the last tries (it frees space lazily). */
const SETTLE_MS = [250, 1000]

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Puts the writes of one attempt on the `model` store; `light` asks for the version without the optional parts. */
export type ModelWrite = (store: ModelStore, light: boolean) => Promise<unknown>[]
export type ModelStore = IDBPObjectStore<LocalshelfDB, ['model'], 'model', 'readwrite'>

/**
 * Saves the model; on a full disk, evicts the oldest events (10%, 20%, 30%, then 40%, never the newest
 * 100) and tries again: the weights hold what those events taught. When only the newest events are
 * left, it saves without the optional `lighter` keys of `data` (the optimiser state, twice the
 * weights' size: the next training restarts it), after giving the database time to reclaim what was
 * deleted (Chromium's store frees deleted rows lazily, so a retry at once can still find the disk
 * full). Resolves false, with a warning, when the disk stays full: the page still gets the weights,
 * and the next training saves again. Other errors reject.
 */
export const saveModelMakingRoom = (db: DBRef, value: PersistedModel, lighter: string[] = []): Promise<boolean> =>
  writeModelMakingRoom(db, (store, light) => [
    store.put(light ? { ...value, data: Object.fromEntries(Object.entries(value.data).filter(([key]) => !lighter.includes(key))) } : value, MODEL_KEY),
  ])

/** saveModelMakingRoom's retries around any writes to the `model` store (one transaction per attempt). */
export const writeModelMakingRoom = async (db: DBRef, write: ModelWrite): Promise<boolean> => {
  let light = false
  let settle = 0
  for (let attempt = 1; ; attempt++) {
    try {
      const tx = (await db).transaction('model', 'readwrite')
      await settled(tx, [...write(tx.store, light), tx.done])
      return true
    } catch (error) {
      if (!isQuotaError(error)) throw error
      const evicted = attempt > 4 ? 0 : await evictOldestEvents(db, 0.1 * attempt)
      if (evicted) {
        console.warn(`Localshelf: storage is full (${describeError(error)}) saving the model; removed the ${evicted} oldest events and retrying`)
        continue
      }
      if (settle >= SETTLE_MS.length) {
        console.warn(`Localshelf: storage is full (${describeError(error)}); the fine-tuned weights were not saved this time, the next training tries again`)
        return false
      }
      light = true
      await wait(SETTLE_MS[settle++]!)
    }
  }
}
