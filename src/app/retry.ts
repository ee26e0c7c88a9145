// Retrying a training worker that failed to load (offline at the first training, a 404 during a
// deploy): with a growing delay, and at once when the browser says the network is back.

export interface Retry {
  /** Counts a failure and schedules `run` after the next delay (2 s, 4 s, … up to `maxMs`). */
  failed(): void
  /** Resets the delay after a success. */
  succeeded(): void
  dispose(): void
}

export function createRetry(run: () => void, { baseMs = 2000, maxMs = 60_000 } = {}): Retry {
  let failures = 0
  let timer: ReturnType<typeof setTimeout> | undefined
  let waiting = false
  const fire = () => {
    clearTimeout(timer)
    timer = undefined
    if (!waiting) return
    waiting = false
    run()
  }
  const online = () => fire()
  if (typeof addEventListener == 'function') addEventListener('online', online)
  return {
    failed() {
      clearTimeout(timer)
      waiting = true
      timer = setTimeout(fire, Math.min(maxMs, baseMs * 2 ** failures++))
    },
    succeeded() {
      failures = 0
    },
    dispose() {
      clearTimeout(timer)
      waiting = false
      if (typeof removeEventListener == 'function') removeEventListener('online', online)
    },
  }
}
