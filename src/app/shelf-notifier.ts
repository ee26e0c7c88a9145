// Tells the shelves that a ranking may have changed: at most once per animation frame however many
// events arrive (src/app/frame.ts), with a version per ranking input (src/core/shelf-inputs.ts) so
// that each shelf re-ranks only when something it reads moved.
import { changedBy } from '../core/event-inputs'
import type { ShelfInput } from '../core/shelf-inputs'
import type { ShelfChange } from '../ui/engine-types'
import { onNextFrame } from './frame'
import { tellEach } from '../ui/turn'

/** The engine's state by identity, to tell what an unexplained notification changed. */
export interface StateSnapshot {
  catalog: unknown
  weights: unknown
  history: unknown
  /** Consent, arm, lazily loaded code: compared value by value. */
  settings: unknown[]
}

export type ShelfListener = (change?: ShelfChange) => void

export interface ShelfNotifier {
  /** A recorded event (its type and item), or, without one, "something changed": the state snapshot then tells what. */
  notify(event?: { type: string; item: string }): void
  /** The versions as of the last notification. */
  versions(): Readonly<Record<ShelfInput, number>>
}

export function createShelfNotifier(listeners: Set<ShelfListener>, snapshot: () => StateSnapshot): ShelfNotifier {
  const versions: Record<ShelfInput, number> = { catalog: 0, weights: 0, interest: 0, cart: 0, filters: 0, settings: 0 }
  let seen = snapshot()
  let changed = new Set<ShelfInput>()
  let excluded: string[] = []
  let unexplained = false
  let queued = false

  function flush(): void {
    queued = false
    const now = snapshot()
    if (unexplained) {
      const before = changed.size
      if (now.catalog !== seen.catalog) changed.add('catalog')
      if (now.weights !== seen.weights) changed.add('weights')
      // A new history array outside track(): an erase, or events adopted from storage.
      if (now.history !== seen.history) for (const input of ['interest', 'cart', 'filters'] as const) changed.add(input)
      if (now.settings.some((value, i) => value !== seen.settings[i])) changed.add('settings')
      // Nothing to show for it: assume the worst, every shelf re-ranks.
      if (changed.size === before) changed.add('settings')
    }
    seen = now
    for (const input of changed) versions[input]++
    const change: ShelfChange = { versions: { ...versions }, excluded }
    changed = new Set()
    excluded = []
    unexplained = false
    // Each shelf in a turn of its own (src/ui/turn.ts), where it re-ranks and renders.
    void tellEach(listeners, change, listeners)
  }

  return {
    notify(event) {
      if (event) {
        const effect = changedBy(event.type)
        for (const input of effect.inputs) changed.add(input)
        if (effect.excludes) excluded.push(event.item)
      } else unexplained = true
      if (queued) return
      queued = true
      // Not a microtask: re-ranking and rendering must not add to the task that just computed new
      // vectors (start-up, a training round) or recorded a click, to stay under 50 ms each.
      onNextFrame(flush)
    },
    versions: () => ({ ...versions }),
  }
}
