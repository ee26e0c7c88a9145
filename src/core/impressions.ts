// Impressions as counts, not events: one row per UTC day, placement, arm and item. A shelf shows
// ~20 products per page view, so stored one by one they crowded the shopper's real interactions
// out of the log's cap; the statistics and the daily aggregate only ever needed these counts.
import type { InteractionEvent } from './types'

/** Impressions of one item on one shelf placement, in one arm, on one UTC day. */
export interface ImpressionCount {
  /** UTC day, "YYYY-MM-DD" (the daily aggregate's unit). */
  day: string
  /** The shelf placement; '' when the host tracked an impression without one. */
  placement: string
  /** The A/B arm the shelf was served in ('model' when the event carried none). */
  arm: string
  item: string
  count: number
  /** The newest impression's time (ms since the epoch): retention drops the row once it expires. */
  last: number
}

export const dayOf = (ts: number): string => new Date(ts).toISOString().slice(0, 10)

/** The arm an impression or click was served in: `props.arm`, else 'model'. */
export const armOf = (event: InteractionEvent): string => (typeof event.props?.arm == 'string' ? event.props.arm : 'model')

/**
 * A row's key: sorts by day first, so the oldest days are the first keys (the size bound drops
 * those). The separator cannot occur in a day, and the item id comes last, so ids may hold it.
 */
export const impressionKey = (c: Pick<ImpressionCount, 'day' | 'placement' | 'arm' | 'item'>): string =>
  `${c.day}\u0001${c.placement}\u0001${c.arm}\u0001${c.item}`

/** One impression event as a count of 1. */
export const impressionOf = (event: InteractionEvent): ImpressionCount => ({
  day: dayOf(event.ts), placement: event.placement ?? '', arm: armOf(event), item: event.item, count: 1, last: event.ts,
})

/** Sums counts that share a key (day, placement, arm, item); rows come out keyed, in first-seen order. */
export function mergeImpressions(rows: Iterable<ImpressionCount>, into = new Map<string, ImpressionCount>()): Map<string, ImpressionCount> {
  for (const row of rows) {
    const key = impressionKey(row)
    const had = into.get(key)
    into.set(key, had ? { ...had, count: had.count + row.count, last: Math.max(had.last, row.last) } : { ...row })
  }
  return into
}

/** The total of `rows`' counts. */
export const totalImpressions = (rows: readonly ImpressionCount[]): number => rows.reduce((n, r) => n + r.count, 0)
