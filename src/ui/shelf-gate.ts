import { inputsOf } from '../core/shelf-inputs'
import type { ShelfChange, ShelfRequest } from './engine-types'

export interface ShelfGate {
  /** Takes an engine notification; true when the shelf must re-rank for it. */
  affects(change: ShelfChange | undefined, request: ShelfRequest): boolean
  /** Records a ranking: the request it answered and the item ids it showed. */
  ranked(request: ShelfRequest, shown: readonly string[]): void
  /** Forgets the last ranking (it failed): the next notification re-ranks. */
  reset(): void
}

/**
 * One shelf's key: its request plus the versions of the inputs its placement reads. A
 * notification re-ranks the shelf only when the key moved or an item it shows was just hidden
 * (dismissed, put in the cart), so a click on one shelf does not re-rank a trending shelf, nor a
 * dismissal a shelf that does not show the item. A notification without versions re-ranks.
 */
export function createShelfGate(): ShelfGate {
  let versions: ShelfChange['versions'] | undefined
  let rendered: string | undefined
  let shown = new Set<string>()
  const key = (request: ShelfRequest) => JSON.stringify([request, versions ? inputsOf(request.placement).map((input) => versions![input] ?? 0) : null])
  return {
    affects(change, request) {
      versions = change?.versions
      if (!change || rendered === undefined || key(request) !== rendered) return true
      return change.excluded.some((id) => shown.has(id))
    },
    ranked(request, items) {
      rendered = key(request)
      shown = new Set(items)
    },
    reset() {
      rendered = undefined
    },
  }
}
