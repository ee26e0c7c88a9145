// The opt-in daily aggregate: counts only, Laplace-noised, handed to the shop's own callback.
// It lives in the lazy chunk (src/extras.ts): the first-paint script only asks for it when the
// shop passed `onAggregate`.
import { attribute } from '../core/attribution'
import { dayOf, type ImpressionCount } from '../core/impressions'
import { privatize } from '../core/privacy-noise'
import type { InteractionEvent } from '../core/types'
import { getMeta, setMeta } from '../store/meta-store'
import type { DBRef } from '../store/schema'

const SENT_KEY = 'aggregate-day'
const METRICS = ['impressions', 'clicks', 'carts', 'purchases'] as const
const DAY = 86_400_000
/** Placements every device reports, so all reports have the same cells. */
export const AGGREGATE_PLACEMENTS = ['for-you', 'similar', 'cart', 'trending', 'recent', 'need']

/** What `onAggregate` receives: no ids, no events, no time finer than a day. */
export interface AggregateReport {
  /** The UTC day the counts cover, "YYYY-MM-DD". */
  day: string
  arm: string
  epsilon: number
  /** "placement.metric" -> noisy count (may be negative or fractional: sum many devices). */
  counts: Record<string, number>
}

export interface AggregateOptions {
  onAggregate: (report: AggregateReport) => void
  epsilon?: number
  attributionDays?: number
}

/** Yesterday's noisy counts of one arm, per placement and metric. */
export function aggregateReport(events: InteractionEvent[], arm: string, now: number, epsilon: number, random: () => number, attributionDays?: number, impressions: readonly ImpressionCount[] = []): AggregateReport {
  const yesterday = dayOf(now - DAY)
  const counts = attribute(events.filter((e) => dayOf(e.ts) === yesterday), attributionDays, impressions.filter((r) => r.day === yesterday))
  const cells: Record<string, number> = {}
  for (const placement of AGGREGATE_PLACEMENTS) {
    const c = counts.get(arm + ' ' + placement)
    for (const metric of METRICS) cells[`${placement}.${metric}`] = c ? c[metric] : 0
  }
  return { day: yesterday, arm, epsilon, counts: privatize(cells, epsilon, random) }
}

/**
 * Calls `onAggregate` with yesterday's counts, at most once a day: the day it last ran is
 * remembered with the shopper's data (so erasing forgets it too).
 */
export async function maybeAggregate(db: DBRef, options: AggregateOptions, events: InteractionEvent[], arm: string, now = Date.now(), impressions: readonly ImpressionCount[] = []): Promise<void> {
  const today = dayOf(now)
  if ((await getMeta<string>(db, SENT_KEY).catch(() => undefined)) === today) return
  const report = aggregateReport(events, arm, now, options.epsilon ?? 1, Math.random, options.attributionDays, impressions)
  await setMeta(db, SENT_KEY, today).catch(() => undefined)
  options.onAggregate(report)
}
