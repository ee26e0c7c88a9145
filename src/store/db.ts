import { openDB, type IDBPDatabase } from 'idb'
import { DB_VERSION, type LocalshelfDB } from './schema'

/**
 * Opens (creating or upgrading) the Localshelf database. Rejects, never throws, where IndexedDB is
 * missing or refused (Node, some private modes, storage blocked); callers degrade to memory then.
 */
export const openLocalshelfDB = async (name = 'localshelf'): Promise<IDBPDatabase<LocalshelfDB>> =>
  openDB<LocalshelfDB>(name, DB_VERSION, {
    upgrade(db, oldVersion) {
      if (oldVersion < 1) {
        const events = db.createObjectStore('events', { keyPath: 'seq', autoIncrement: true })
        events.createIndex('ts', 'ts')
        events.createIndex('uid', 'uid', { unique: true })
        db.createObjectStore('model')
        db.createObjectStore('meta')
      }
    },
    // Every version closes its connection when a newer one (another tab, after a deploy) needs to
    // upgrade, so an upgrade is never left blocked; this tab's log then carries on in memory.
    blocking: (_old, _new, event) => (event.target as IDBDatabase).close(),
  })
