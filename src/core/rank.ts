/**
 * Indices of the `k` highest scores, best first, skipping excluded ones. A bounded min-heap keeps
 * this O(n log k): ranking 100k items for one shelf stays well under a frame.
 */
export function topK(scores: ArrayLike<number>, k: number, excluded?: (index: number) => boolean): number[] {
  if (k <= 0) return []
  const heap: number[] = [] // indices; heap[0] has the lowest score kept
  const less = (a: number, b: number) => scores[a] < scores[b] || (scores[a] === scores[b] && a > b)
  const down = (i: number) => {
    for (;;) {
      const l = 2 * i + 1, r = l + 1
      let m = i
      if (l < heap.length && less(heap[l], heap[m])) m = l
      if (r < heap.length && less(heap[r], heap[m])) m = r
      if (m === i) return
      ;[heap[i], heap[m]] = [heap[m], heap[i]]
      i = m
    }
  }
  for (let i = 0; i < scores.length; i++) {
    // Once the heap is full, most items lose to its weakest before any other check (a later
    // index never wins a tie); NaN fails every comparison.
    const s = scores[i]
    if (heap.length === k ? !(s > scores[heap[0]]) : Number.isNaN(s)) continue
    if (excluded?.(i)) continue
    if (heap.length < k) {
      heap.push(i)
      for (let c = heap.length - 1; c > 0; ) {
        const p = (c - 1) >> 1
        if (!less(heap[c], heap[p])) break
        ;[heap[c], heap[p]] = [heap[p], heap[c]]
        c = p
      }
    } else if (less(heap[0], i)) {
      heap[0] = i
      down(0)
    }
  }
  return heap.sort((a, b) => (less(a, b) ? 1 : less(b, a) ? -1 : 0))
}

/**
 * Drops near-duplicates from a ranked list: a candidate too similar to any of the last `window`
 * kept picks is deferred to the end, so a shelf does not show five colours of the same mug in a row.
 */
export function diversify(ranked: number[], limit: number, similarity: (a: number, b: number) => number, threshold = 0.9, window = 2): number[] {
  const kept: number[] = []
  const deferred: number[] = []
  for (const i of ranked) {
    if (kept.length >= limit) break
    const recent = kept.slice(-window)
    if (recent.some((j) => similarity(i, j) > threshold)) deferred.push(i)
    else kept.push(i)
  }
  for (const i of deferred) if (kept.length < limit) kept.push(i)
  return kept
}
