/**
 * A computation cut into slices. Each `yield` hands back the number of items the slice just
 * processed (at most the `chunk` it was given), a point where a caller may let the page run; the
 * return value is the result. `runSteps` runs one to the end at once: the one-shot functions
 * (validateCatalog, buildContentFeatures, itemVectors) are exactly that, so the chunked and the
 * one-shot results cannot differ.
 */
export type Steps<T> = Generator<number, T, void>

/** Items per slice by default: about 1-2 ms of the heaviest step (content features) on a slow laptop. */
export const DEFAULT_CHUNK = 256

export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const next = steps.next()
    if (next.done) return next.value
  }
}

/** Calls `body(i)` for i in [0, n), yielding after every `chunk` calls. */
export function* loopSteps(n: number, chunk: number, body: (i: number) => void): Generator<number, void, void> {
  for (let start = 0; start < n; start += chunk) {
    const end = Math.min(n, start + chunk)
    for (let i = start; i < end; i++) body(i)
    yield end - start
  }
}
