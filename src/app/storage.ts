// Where the shopper's data lives, and when the database may come into being. Without a consent
// requirement it opens at once. Where the shop asks for consent (or honours GPC), it opens only
// when it already exists (the shopper consented on an earlier page) or once `open()` is called on
// consent(true): until then the logs are closed ones (empty reads, refused appends) and the
// database reference rejects, so the readers see an empty store and nothing creates it.
import { openLocalshelfDB } from '../store/db'
import { closedEventLog, closedImpressionLog } from '../store/closed-logs'
import { createEventLog, type EventLog } from '../store/event-log'
import { createImpressionLog, type ImpressionLog } from '../store/impression-log'
import type { DBRef } from '../store/schema'

export interface Storage {
  readonly name: string
  /** The database, or a rejected reference while it may not exist yet. */
  db(): DBRef
  log(): EventLog
  impressions(): ImpressionLog
  /** Resolves once it is known whether the database opened at start (read nothing before). */
  decided: Promise<void>
  /** Opens (creating) the database and the logs on it; again is a no-op. */
  open(): void
  close(): void
}

const notYet = (): DBRef => {
  const ref = Promise.reject(new Error('no database before consent'))
  ref.catch(() => undefined) // read by whoever needs it; unread, it is no unhandled rejection
  return ref
}

/**
 * Whether the database already exists. Without `indexedDB.databases()` (older Firefox and Safari)
 * it counts as absent: the safe answer, as a returning shopper's consent is asked again rather
 * than a database created before it.
 */
async function exists(name: string): Promise<boolean> {
  try {
    return (await indexedDB.databases()).some((d) => d.name === name)
  } catch {
    return false
  }
}

export function createStorage(options: { dbName?: string; retentionDays?: number }, gated: boolean): Storage {
  const name = options.dbName ?? 'localshelf'
  const maxAgeMs = (options.retentionDays ?? 90) * 86_400_000
  let db = notYet()
  let log = closedEventLog()
  // Shelf impressions are counted apart, per day and item, so they never crowd out interactions.
  let impressions = closedImpressionLog()
  let opened = false
  const self: Storage = {
    name,
    db: () => db,
    log: () => log,
    impressions: () => impressions,
    decided: Promise.resolve(),
    open() {
      if (opened) return
      opened = true
      db = openLocalshelfDB(name)
      log = createEventLog(db, { maxAgeMs })
      impressions = createImpressionLog(db, { maxAgeMs })
    },
    close() {
      log.close()
      impressions.close()
    },
  }
  if (!gated) self.open()
  else self.decided = exists(name).then((found) => (found ? self.open() : undefined))
  return self
}
