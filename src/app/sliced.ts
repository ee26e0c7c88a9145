import type { Steps } from '../core/steps'

/**
 * Main-thread time one slice of start-up work may take before the page gets the thread back.
 * Well under the 50 ms long-task budget: a slice ends at the first yield after this, and a yield
 * comes every few hundred items (about 1-2 ms), so even a slow device stays near 10 ms.
 */
export const SLICE_MS = 8

type Scheduler = { yield?: () => Promise<void> }

/**
 * Resolves in a later task. `scheduler.yield()` (Chromium 129+) resumes ahead of other queued
 * work; elsewhere a MessageChannel message, since setTimeout(0) is clamped to 4 ms once nested
 * (a hundred slices would wait 400 ms for nothing) and throttled to 1 s in a background tab.
 */
export function yieldToPage(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Scheduler }).scheduler
  if (typeof scheduler?.yield == 'function') return scheduler.yield()
  if (typeof MessageChannel == 'undefined') return new Promise((resolve) => setTimeout(resolve, 0))
  return new Promise((resolve) => {
    const channel = new MessageChannel()
    channel.port1.onmessage = () => {
      channel.port1.close()
      resolve()
    }
    channel.port2.postMessage(undefined)
  })
}

/** Runs chunked work (src/core/steps.ts) a slice of about `sliceMs` at a time, yielding between slices. */
export async function runSliced<T>(steps: Steps<T>, sliceMs = SLICE_MS, now = () => performance.now()): Promise<T> {
  for (;;) {
    const end = now() + sliceMs
    for (;;) {
      const next = steps.next()
      if (next.done) return next.value
      if (now() >= end) break
    }
    await yieldToPage()
  }
}
