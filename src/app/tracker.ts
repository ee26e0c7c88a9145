// What `track()` does with a call: checks it, builds the event (own properties only, the arm for
// shelf events), routes impressions to their counts and interactions to the log, and keeps the
// recent history the shelves rank from. The composition root only wires its ports.
import { own } from '../core/own'
import type { InteractionEvent } from '../core/types'

/** Recent events kept in memory for ranking; the context uses the last 100 distinct items. */
export const HISTORY_KEPT = 400

export interface TrackerPorts {
  /** Consent given (where the shop asks for it) and learning not paused. */
  recording(): boolean
  /** The A/B arm the page's shelves are served in. */
  arm(): string
  /** Counted per day, placement, arm and item, apart from the interaction log. */
  appendImpression(event: InteractionEvent): Promise<boolean>
  /** The interaction log; resolves true once durable. */
  appendEvent(event: InteractionEvent): Promise<boolean>
  /** An interaction reached the history: shelves re-rank (once per frame) and training is scheduled. */
  recorded(event: InteractionEvent): void
}

export interface Tracker {
  track(type: string, itemId: string, props?: Record<string, unknown>): Promise<boolean>
  /** The recent interactions, oldest first (a new array identity when trimmed, loaded or cleared). */
  history(): InteractionEvent[]
  /** The stored events at start-up. */
  load(events: InteractionEvent[]): void
  clear(): void
}

export function createTracker(ports: TrackerPorts): Tracker {
  let history: InteractionEvent[] = []
  return {
    track(type, itemId, props) {
      if (typeof type !== 'string' || !type || itemId == null || String(itemId) === '') {
        console.warn('Localshelf: track(type, itemId) needs a type such as "view" and a product id; event ignored')
        return Promise.resolve(false)
      }
      if (!ports.recording()) return Promise.resolve(false)
      const event: InteractionEvent = { type, item: String(itemId), ts: Date.now() }
      // Own property only: a host's `Object.prototype.placement` must not become every event's.
      const placement = own(props, 'placement')
      if (typeof placement === 'string') event.placement = placement
      // Shelf events carry the arm they were served in, for the A/B stats.
      if (event.placement && (type === 'impression' || type === 'click')) props = { ...props, arm: ports.arm() }
      if (props) event.props = props
      if (type === 'impression') return ports.appendImpression(event)
      const durable = ports.appendEvent(event)
      history.push(event)
      if (history.length > HISTORY_KEPT) history = history.slice(-HISTORY_KEPT)
      ports.recorded(event)
      return durable
    },
    history: () => history,
    load(events) {
      history = events.slice(-HISTORY_KEPT)
    },
    clear() {
      history = []
    },
  }
}
