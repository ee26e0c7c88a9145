import { inputsOf } from '../core/shelf-inputs'
import type { ShelfChange, ShelfRequest } from './engine-types'

export interface ShelfGate {
  /** Takes an engine notification; true when the shelf must re-rank for it. */
  affects(change: ShelfChange | undefined, request: ShelfRequest): boolean
  /** Records a ranking: the request it answered, the item ids it showed and the engine's input versions then. */
  ranked(request: ShelfRequest, shown: readonly string[], versions: ShelfChange['versions'] | undefined): void
  /** Forgets the last ranking (it failed): the next notification re-ranks. */
  reset(): void
}

/**
 * One shelf's key: its request plus the versions of the inputs its placement reads. A
 * notification re-ranks the shelf only when the key moved or an item it shows was just hidden
 * (dismissed, put in the cart), so a click on one shelf does not re-rank a trending shelf, nor a
 * dismissal a shelf that does not show the item. The versions are read when the shelf ranks (a
 * ranking may follow a change the engine has not announced yet: it then ranks once more, never
 * once too few); a notification without versions re-ranks.
 */
export function createShelfGate(): ShelfGate {
  let rendered: string | undefined
  let shown: readonly string[] = []
  const key = (request: ShelfRequest, versions: ShelfChange['versions']) => JSON.stringify([request, inputsOf(request.placement).map((input) => versions[input])])
  return {
    affects: (change, request) => !change || rendered !== key(request, change.versions) || change.excluded.some((id) => shown.includes(id)),
    ranked(request, items, versions) {
      // An engine without versions: every notification re-ranks.
      rendered = versions && key(request, versions)
      shown = items
    },
    reset() {
      rendered = undefined
    },
  }
}
