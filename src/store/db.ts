import { openDB, type IDBPDatabase } from 'idb'
import { withTimeout } from '../core/timeout'
import { addImpressionsStore } from './impressions-upgrade'
import { DB_VERSION, type LocalshelfDB } from './schema'

/**
 * How long `open` may take before the widget carries on without IndexedDB. An open normally takes
 * a few ms; one that never answers (another tab holding an old version open and ignoring
 * `versionchange`, a wedged storage backend) would otherwise leave shelves, `exportData()` and
 * `erase()` pending forever.
 */
export const OPEN_TIMEOUT_MS = 1000

/**
 * Opens (creating or upgrading) the Localshelf database. Rejects, never throws, where IndexedDB is
 * missing, refused (Node, some private modes, storage blocked) or does not answer within
 * `timeoutMs`; callers degrade to memory then. A connection that opens after the timeout is closed
 * at once, so it never blocks another tab's upgrade.
 */
export const openLocalshelfDB = async (name = 'localshelf', timeoutMs = OPEN_TIMEOUT_MS): Promise<IDBPDatabase<LocalshelfDB>> => {
  const opening = openDB<LocalshelfDB>(name, DB_VERSION, {
    upgrade(db, oldVersion, _newVersion, transaction) {
      if (oldVersion < 1) {
        const events = db.createObjectStore('events', { keyPath: 'seq', autoIncrement: true })
        events.createIndex('ts', 'ts')
        events.createIndex('uid', 'uid', { unique: true })
        db.createObjectStore('model')
        db.createObjectStore('meta')
      }
      // Version 2: the catalogue's derived tables (content features), keyed by its fingerprint.
      if (oldVersion < 2) db.createObjectStore('derived')
      // Version 3: shelf impressions counted per day, placement, arm and item, apart from the events.
      if (oldVersion < 3) addImpressionsStore(db, transaction)
    },
    // Every version closes its connection when a newer one (another tab, after a deploy) needs to
    // upgrade, so an upgrade is never left blocked; this tab's log then carries on in memory.
    blocking: (_old, _new, event) => (event.target as IDBDatabase).close(),
  })
  try {
    return await withTimeout(opening, timeoutMs, `IndexedDB open of "${name}" did not answer within ${timeoutMs} ms`)
  } catch (error) {
    opening.then((db) => db.close(), () => {})
    throw error
  }
}
