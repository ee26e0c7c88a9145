// Neighbour lists that scale with the catalogue: each item's top-k items by co-occurrence cosine
// (classic item-kNN). Exact EASE inverts an n x n matrix (O(n^3): minutes in JS from a few
// thousand items) and needs two n x n Float64 buffers (5.4 GB at 18k items); this costs the sum
// over users of |row|^2 and O(n * k) memory. The blend phase then weighs the lists on validation
// and drops them (scale 0) where they do not help.
import type { Neighbors } from '../src/core/types'

/**
 * Top-`k` neighbours per item by cos(h, j) = c(h, j) / sqrt(c(h) c(j)) over the binary user rows
 * (`rows`: each user's distinct items). Ties: lower item index. Items without co-occurrences
 * keep an empty list (index -1). `minShare`: entries under that share of the row's largest
 * cosine are left out (the row ends early), as they barely move a ranking the top entries lead.
 */
export function cooccurrenceNeighbors(rows: readonly Int32Array[], count: number, k: number, minShare = 0): Neighbors {
  const index = new Int32Array(count * k).fill(-1)
  const weight = new Float32Array(count * k)
  // Inverted index: the rows (users) each item appears in.
  const df = new Int32Array(count)
  for (const row of rows) for (const i of row) df[i]++
  const start = new Int32Array(count + 1)
  for (let i = 0; i < count; i++) start[i + 1] = start[i] + df[i]
  const usersOf = new Int32Array(start[count])
  const fill = start.slice(0, count)
  rows.forEach((row, u) => { for (const i of row) usersOf[fill[i]++] = u })

  const co = new Float64Array(count)
  const touched: number[] = []
  const top: number[] = []
  for (let h = 0; h < count; h++) {
    if (!df[h]) continue
    touched.length = 0
    for (let p = start[h]; p < start[h + 1]; p++) {
      for (const j of rows[usersOf[p]]) {
        if (j === h) continue
        if (co[j] === 0) touched.push(j)
        co[j]++
      }
    }
    for (const j of touched) co[j] /= Math.sqrt(df[h] * df[j])
    top.length = 0
    for (const j of touched) top.push(j)
    top.sort((a, b) => co[b] - co[a] || a - b)
    const floor = top.length ? co[top[0]] * minShare : 0
    for (let s = 0; s < Math.min(k, top.length) && co[top[s]] >= floor; s++) {
      index[h * k + s] = top[s]
      weight[h * k + s] = co[top[s]]
    }
    for (const j of touched) co[j] = 0
  }
  return { k, index, weight, scale: 1 }
}
