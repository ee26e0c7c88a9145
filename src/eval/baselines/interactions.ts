import { isInterest } from '../protocol'
import type { HistoryEvent, TrainUser } from '../protocol'

/** Distinct items a history shows interest in (the binary user row x_u of the baselines). */
export function interestItems(events: readonly HistoryEvent[]): number[] {
  const seen = new Set<number>()
  for (const e of events) if (isInterest(e.type)) seen.add(e.item)
  return [...seen]
}

/** Per training user, the distinct items of interest: the rows of the binary user x item matrix X. */
export function userRows(users: readonly TrainUser[]): Int32Array[] {
  const rows: Int32Array[] = []
  for (const user of users) {
    const items = interestItems(user.events)
    if (items.length) rows.push(Int32Array.from(items))
  }
  return rows
}

/** How many training users interacted with each item (the diagonal of X^T X). */
export function itemUserCounts(rows: readonly Int32Array[], itemCount: number): Float64Array {
  const counts = new Float64Array(itemCount)
  for (const row of rows) for (const i of row) counts[i]++
  return counts
}

/**
 * The Gram matrix G = X^T X (item co-occurrence counts) restricted to some items: `slotOf[item]` is
 * the item's row in G, or -1 to leave it out. Dense row-major Float64Array of size x size.
 * Costs sum over users of |row|^2, which stays small for real baskets. `into` (zeros, at least
 * size x size) receives it instead of a new array, e.g. shared memory for the threaded inverse.
 */
export function cooccurrence(rows: readonly Int32Array[], slotOf: Int32Array, size: number, into?: Float64Array): Float64Array {
  const g = into ?? new Float64Array(size * size)
  const slots: number[] = []
  for (const row of rows) {
    slots.length = 0
    for (const i of row) if (slotOf[i] >= 0) slots.push(slotOf[i])
    for (const a of slots) {
      const base = a * size
      for (const b of slots) g[base + b]++
    }
  }
  return g
}

/** Item indices ordered by count, most frequent first (ties: lower index), keeping only count > 0. */
export function byFrequency(counts: Float64Array): number[] {
  const order: number[] = []
  for (let i = 0; i < counts.length; i++) if (counts[i] > 0) order.push(i)
  return order.sort((a, b) => counts[b] - counts[a] || a - b)
}
