import { yieldToPage } from '../app/sliced'

let queue: Promise<void> = Promise.resolve()

/**
 * Resolves in a task of its own, after every earlier caller's turn: work that would otherwise all
 * run in one task (every shelf rendering when the engine becomes ready: ranking, Preact, the first
 * price formatter, about 20-40 ms each at 100,000 products) takes one task per caller, so no single
 * task goes over the 50 ms long-task budget however many shelves a page holds.
 */
export function takeTurn(): Promise<void> {
  return (queue = queue.then(yieldToPage))
}
