// The one way shelf work is spread over tasks: the engine's notifier (src/app/shelf-notifier.ts),
// the script tag's lazy engine (src/first-paint/lazy-engine.ts) and the element
// (src/element/shelf-controller.ts) all queue here, so a shelf's work after a change or on the
// engine's arrival is deferred once, not once per layer it passes through.

let queue: Promise<unknown> = Promise.resolve()

// The next turn: a task right after the next animation frame, so that turns in a row never share
// a frame (nor its 50 ms long-animation-frame budget), and the page's own tasks run between them.
// Not `scheduler.yield()`, whose continuations run ahead of every other task: with it the three
// shelves' first renders at 1,000 products shared one animation frame of 51-142 ms in 11 of 12
// cold loads (none with this), and the shelves' re-renders after a track() ran back to back (the
// bench's "one track() task" at 100,000 products 43-68 ms, against 22-26 ms with timers).
// A hidden tab has no frames: a timer after 100 ms; Node (tests, server rendering) has none either.
const later = (): Promise<unknown> =>
  new Promise((resolve) => {
    if (typeof requestAnimationFrame != 'function') return setTimeout(resolve)
    requestAnimationFrame(() => setTimeout(resolve))
    setTimeout(resolve, 100)
  })

/**
 * Resolves in a task of its own after the next animation frame, once every earlier caller's turn
 * has come: work that would otherwise all run in one task (every shelf rendering when the engine
 * becomes ready: ranking, Preact, the first price formatter, about 20-40 ms each at 100,000
 * products) takes one task and one frame per caller, so neither a task nor a frame goes over the
 * 50 ms long-task budget however many shelves a page holds.
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
export function tellEach<C>(listeners: Iterable<(change: C) => void>, change: C, current: { has(listener: (change: C) => void): boolean }): Promise<unknown> {
  return Promise.all([...listeners].map((listener) => takeTurn().then(() => current.has(listener) && listener(change)).catch((error) => {
    setTimeout(() => {
      throw error
    })
  })))
}
