import { own } from '../core/own'
import type { InteractionEvent } from '../core/types'

/**
 * Checks one tracked event. Returns a clean copy (a numeric `item` becomes a string, `props` is
 * copied as JSON data, so later changes by the caller do not leak in), or what is wrong with it.
 */
export const checkEvent = (event: unknown): InteractionEvent | string => {
  // Own properties only: an enumerable `Object.prototype.placement` on the host page must not
  // become the placement of every event.
  const [type, item, ts, placement, props] = ['type', 'item', 'ts', 'placement', 'props'].map((key) => own(event, key))
  // 64 characters is far above any real type name and keeps a runaway string out of every record.
  if (typeof type != 'string' || !type || type.length > 64) return '`type` must be a string of 1 to 64 characters'
  if (typeof item == 'number' ? !isFinite(item) : typeof item != 'string' || !item) return '`item` must be the product id'
  if (typeof ts != 'number' || !isFinite(ts)) return '`ts` must be a number like Date.now()'
  const out: InteractionEvent = { type, item: String(item), ts }
  if (placement !== undefined) {
    if (typeof placement != 'string') return '`placement` must be a string'
    out.placement = placement
  }
  if (props !== undefined) {
    try {
      if (!props || typeof props != 'object') throw 0
      // Stored as JSON data, exactly as the journal will hand it back: that also drops functions
      // IndexedDB could not clone (one bad event must not fail its batch).
      out.props = JSON.parse(JSON.stringify(props))
    } catch {
      return '`props` must be an object of JSON data'
    }
  }
  return out
}
