// The logs of a database that may not exist yet: before the shopper's consent (where the shop asks
// for it) nothing may be written, so reads find an empty store and appends are refused.
import type { EventLog } from './event-log'
import type { ImpressionLog } from './impression-log'

const none = () => Promise.resolve([])
const done = () => Promise.resolve()
const refused = () => Promise.resolve(false)

export const closedEventLog = (): EventLog => ({
  append: refused, flush: done, all: none, since: none, count: () => Promise.resolve(0), stored: () => 0, clear: done,
  onWrite: () => () => undefined, close: () => undefined,
})

export const closedImpressionLog = (): ImpressionLog => ({ append: refused, flush: done, all: none, clear: done, close: () => undefined })
