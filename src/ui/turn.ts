// The one way shelf work is spread over tasks: the engine's notifier (src/app/shelf-notifier.ts),
// the script tag's lazy engine (src/first-paint/lazy-engine.ts) and the element
// (src/element/shelf-controller.ts) all queue here, so a shelf's work after a change or on the
// engine's arrival is deferred once, not once per layer it passes through.

let queue: Promise<unknown> = Promise.resolve()

// A later task: `scheduler.yield()` (Chromium 129+) resumes ahead of other queued work, else a
// timer (a few turns in a row stay under setTimeout's nesting clamp). Not src/app/sliced.ts's
// yieldToPage, whose MessageChannel fallback the first-paint chunk's 12 KB cannot spare.
const later = (): Promise<unknown> => (globalThis as { scheduler?: { yield?(): Promise<void> } }).scheduler?.yield?.() ?? new Promise((resolve) => setTimeout(resolve))

/**
 * Resolves in a task of its own, after every earlier caller's turn: work that would otherwise all
 * run in one task (every shelf rendering when the engine becomes ready: ranking, Preact, the first
 * price formatter, about 20-40 ms each at 100,000 products) takes one task per caller, so no single
 * task goes over the 50 ms long-task budget however many shelves a page holds.
 */
export function takeTurn(): Promise<unknown> {
  return (queue = queue.then(later))
}

/**
 * Calls each listener with `change` in a turn of its own (see takeTurn), in order: a shelf
 * re-ranks and renders when told, and at 100,000 items a "similar" and a "for you" ranking
 * together were over a frame in one task. The listener does its work in that turn; it takes no
 * other. One no longer in `current` when its turn comes (the shelf unsubscribed) is skipped; one
 * that throws does not keep the next one from being told, and its error is reported as an
 * uncaught one (as an event listener's is), not as a rejection. Resolves once every listener was told.
 */
export function tellEach<C>(listeners: Iterable<(change: C) => void>, change: C, current?: { has(listener: (change: C) => void): boolean }): Promise<unknown> {
  return Promise.all([...listeners].map((listener) => takeTurn().then(() => {
    try {
      if (!current || current.has(listener)) listener(change)
    } catch (error) {
      setTimeout(() => {
        throw error
      })
    }
  })))
}
