/**
 * Calls each listener with `change` in a task of its own, in order: a shelf re-ranks (and renders)
 * when told, and at 100,000 items a "similar" and a "for you" ranking together were over a frame in
 * one task. A listener no longer in `current` when its turn comes (the shelf unsubscribed) is
 * skipped; one that throws does not keep the next one from being told.
 */
export function tellEach<C>(listeners: Iterable<(change: C) => void>, change: C, current?: { has(listener: (change: C) => void): boolean }): void {
  const queue = [...listeners]
  const next = (): void => {
    const listener = queue.shift()
    if (!listener) return
    if (queue.length) setTimeout(next, 0)
    if (!current || current.has(listener)) listener(change)
  }
  next()
}
