// The localStorage journal: a synchronous backup of the events not yet in IndexedDB, written when
// the page hides, because a transaction started in `pagehide` may never commit. All tabs of a shop
// share one key: an object of events by uid, so tabs merge into it and remove only their own.
import type { NewEvent } from './schema'
import { checkEvent } from './validate'

// localStorage throws where storage is blocked and is undeclared in Node and workers; a journal
// that cannot be read or written only loses the backup, the IndexedDB write goes on.
const getRaw = (key: string): string | null => {
  try {
    return localStorage.getItem(key)
  } catch {
    return null
  }
}
const setRaw = (key: string, value: string | null): void => {
  try {
    if (value == null) localStorage.removeItem(key)
    else localStorage.setItem(key, value)
  } catch {
    // See getRaw.
  }
}

const load = (raw: string | null): Record<string, unknown> => {
  try {
    const journal = JSON.parse(raw!)
    return journal && typeof journal == 'object' && !Array.isArray(journal) ? journal : {}
  } catch {
    return {}
  }
}

/** The journal's valid events in the order they were added; anything unreadable is skipped. */
export const parseJournal = (raw: string | null): NewEvent[] =>
  Object.entries(load(raw)).flatMap(([uid, entry]) => {
    const event = checkEvent(entry)
    return typeof event == 'string' ? [] : [{ ...event, uid }]
  })

/** The journal text after adding `add` and removing `drop` (by uid); null once empty. */
export const nextJournal = (raw: string | null, add: readonly NewEvent[], drop: readonly NewEvent[]): string | null => {
  const journal = load(raw)
  for (const event of add) journal[event.uid] = event
  for (const event of drop) delete journal[event.uid]
  return Object.keys(journal).length ? JSON.stringify(journal) : null
}

export const readJournal = (key: string): NewEvent[] => parseJournal(getRaw(key))

export const updateJournal = (key: string, add: readonly NewEvent[], drop: readonly NewEvent[]): void => {
  const raw = getRaw(key)
  // Most commits find no journal: skip the parse and the write.
  if (raw != null || add.length) setRaw(key, nextJournal(raw, add, drop))
}

export const removeJournal = (key: string): void => setRaw(key, null)
