// Tabs of one shop share one database, so exactly one of them trains: the holder of a Web Lock.
// The others send it word of their new events and take its weights, over a BroadcastChannel.
// When the trainer's tab closes, the browser releases its lock and the next tab in line takes over.
import type { WeightsDelta } from '../core/weight-delta'

export type TabMessage =
  /** New events are on disk (the trainer trains on them). */
  | { kind: 'events' }
  /**
   * The rows the trainer's last round changed, on top of its weights as of `fromSeq` (the
   * trainedThroughSeq of its previous change); a tab holding other weights reloads the saved model.
   */
  | { kind: 'delta'; delta: WeightsDelta; fromSeq: number; trainedThroughSeq: number }

export interface TabCoordination {
  /** True while this tab holds the trainer lock; true from the start where Web Locks are missing. */
  readonly trainer: boolean
  post(message: TabMessage): void
  dispose(): void
}

type LockManagerLike = { request(name: string, callback: () => Promise<void> | void): Promise<unknown> }

export function coordinateTabs(name: string, handlers: { elected(): void; message(message: TabMessage): void }): TabCoordination {
  const locks = (typeof navigator == 'object' ? (navigator as { locks?: LockManagerLike }).locks : undefined)
  let trainer = !locks
  let release: (() => void) | undefined
  let disposed = false
  const elect = () => {
    if (disposed || trainer) return
    trainer = true
    handlers.elected()
  }
  locks?.request(`localshelf:trainer:${name}`, () => {
    if (disposed) return
    elect()
    // Held for the page's life: the browser releases it when the tab goes.
    return new Promise<void>((resolve) => (release = resolve))
  }).catch(elect) // No lock to be had (an opaque origin): train here, as without Web Locks.
  let channel: BroadcastChannel | undefined
  try {
    channel = new BroadcastChannel(`localshelf:${name}`)
    channel.onmessage = (event: MessageEvent<TabMessage>) => handlers.message(event.data)
  } catch {
    // No BroadcastChannel: each tab still works alone, only without the others' weights.
  }
  return {
    get trainer() {
      return trainer
    },
    post(message) {
      try {
        channel?.postMessage(message)
      } catch {
        // A closed channel (dispose) or an uncloneable message: the other tabs catch up on reload.
      }
    },
    dispose() {
      disposed = true
      release?.()
      channel?.close()
    },
  }
}
