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
