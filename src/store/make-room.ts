import { MODEL_KEY } from './model-store'
import { describeError, isQuotaError } from './quota'
import type { DBRef, PersistedModel } from './schema'
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

/**
 * Saves the model; on a full disk, evicts the oldest events (10%, 20%, 30%, then 40%, never the newest
 * 100) and tries again: the weights hold what those events taught. Resolves false, with a warning,
 * when the disk stays full: the page still gets the weights, and the next training saves again.
 * Other errors reject.
 */
export const saveModelMakingRoom = async (db: DBRef, value: PersistedModel): Promise<boolean> => {
  for (let attempt = 1; ; attempt++) {
    try {
      const tx = (await db).transaction('model', 'readwrite')
      await settled(tx, [tx.store.put(value, MODEL_KEY), tx.done])
      return true
    } catch (error) {
      if (!isQuotaError(error)) throw error
      const evicted = attempt > 4 ? 0 : await evictOldestEvents(db, 0.1 * attempt)
      if (!evicted) {
        console.warn(`Localshelf: storage is full (${describeError(error)}); the fine-tuned weights were not saved this time, the next training tries again`)
        return false
      }
      console.warn(`Localshelf: storage is full (${describeError(error)}) saving the model; removed the ${evicted} oldest events and retrying`)
    }
  }
}
