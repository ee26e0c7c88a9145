import type { ShelfRequest, ShelfResult } from '../ui/engine-types'

/**
 * The shelves as last ranked on this device, kept in localStorage so that the next page paints
 * them at once, before the engine's chunk has loaded. Stale entries are harmless (the engine's
 * own ranking replaces them within moments) but entries from another catalog, shop model or
 * database are never shown: the version given to `open` names all three. Empty until opened.
 */
export type ShelfCache = {
  /** Reads what was stored under `version` (anything else is ignored, then overwritten). */
  open(version: string): void
  /** The cached result for `request`, if any was stored under this version. */
  get(request: ShelfRequest): ShelfResult | undefined
  /** True when anything is stored under this version. */
  any(): boolean
  put(request: ShelfRequest, result: ShelfResult): void
  /** What is stored, for exportData (the rankings derive from the shopper's history). */
  entries(): ShelfResult[]
  clear(): void
}

// Enough for every shelf of a few page types; the oldest goes first.
const MAX_SHELVES = 24

export function createShelfCache(storageKey: string): ShelfCache {
  let shelves: Record<string, ShelfResult> = {}
  let version = ''
  // localStorage throws in some sandboxed frames and with storage disabled: then nothing is cached.
  const storage = () => {
    try {
      return localStorage
    } catch {
      return undefined
    }
  }
  const key = ({ placement, item, limit }: ShelfRequest) => JSON.stringify([placement, item ?? '', limit])
  return {
    open(opened) {
      version = opened
      try {
        const stored = JSON.parse(storage()?.getItem(storageKey) ?? 'null')
        if (stored && stored.v === version) shelves = stored.s
      } catch {
        // unreadable: start empty
      }
    },
    get: (request) => shelves[key(request)],
    entries: () => Object.values(shelves),
    any: () => Object.keys(shelves).length > 0,
    put(request, result) {
      const k = key(request)
      const text = JSON.stringify(result)
      if (JSON.stringify(shelves[k]) === text) return
      delete shelves[k]
      shelves[k] = JSON.parse(text)
      const keys = Object.keys(shelves)
      for (const old of keys.slice(0, -MAX_SHELVES)) delete shelves[old]
      try {
        storage()?.setItem(storageKey, JSON.stringify({ v: version, s: shelves }))
      } catch {
        // full or disabled: the next page just waits for the engine
      }
    },
    clear() {
      shelves = {}
      try {
        storage()?.removeItem(storageKey)
      } catch {
        // nothing stored
      }
    },
  }
}
