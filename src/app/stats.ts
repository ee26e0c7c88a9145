// The shop's measurement on the device: per-arm, per-placement stats from the local log, and the
// opt-in daily aggregate (counts only, Laplace-noised) handed to the shop's own callback.
import type { ShelfStats } from '../core/attribution'
import type { InteractionEvent } from '../core/types'
import { getMeta, setMeta } from '../store/meta-store'
import type { DBRef } from '../store/schema'
import type { Extras } from './extras-type'

const SENT_KEY = 'aggregate-day'
const METRICS = ['impressions', 'clicks', 'carts', 'purchases'] as const

/** What `onAggregate` receives: no ids, no events, no time finer than a day. */
export interface AggregateReport {
  /** The UTC day the counts cover, "YYYY-MM-DD". */
  day: string
  arm: string
  epsilon: number
  /** "placement.metric" -> noisy count (may be negative or fractional: sum many devices). */
  counts: Record<string, number>
}

export interface StatsOptions {
  attributionDays?: number
  onAggregate?: (report: AggregateReport) => void
  epsilon?: number
  /** Placements the aggregate reports, so every device sends the same cells. */
  aggregatePlacements?: string[]
}

const dayOf = (ts: number) => new Date(ts).toISOString().slice(0, 10)

export function createStats(db: DBRef, options: StatsOptions) {
  const epsilon = options.epsilon ?? 1
  if (options.onAggregate && !(epsilon > 0)) throw new Error(`epsilon must be a positive number (got ${epsilon}); 1 is the default`)
  const placements = options.aggregatePlacements ?? ['for-you', 'similar', 'cart', 'trending', 'recent', 'need']
  return {
    compute: (extras: Extras, events: InteractionEvent[]): ShelfStats[] => extras.shelfStats(events, options.attributionDays),
    /**
     * Calls `onAggregate` with yesterday's counts (or the last full day with events), at most once
     * a day; the day sent is remembered with the shopper's data.
     */
    async maybeAggregate(load: () => Promise<Extras>, events: InteractionEvent[], arm: string, now = Date.now()): Promise<void> {
      if (!options.onAggregate) return
      const { attribute, privatize } = await load()
      const today = dayOf(now)
      const sent = await getMeta<string>(db, SENT_KEY).catch(() => undefined)
      if (sent === today) return
      const yesterday = dayOf(now - 86_400_000)
      const counts = attribute(events.filter((e) => dayOf(e.ts) === yesterday), options.attributionDays)
      const cells: Record<string, number> = {}
      for (const placement of placements) {
        const c = counts.get(arm + ' ' + placement)
        for (const metric of METRICS) cells[`${placement}.${metric}`] = c ? c[metric] : 0
      }
      await setMeta(db, SENT_KEY, today).catch(() => undefined)
      options.onAggregate({ day: yesterday, arm, epsilon, counts: privatize(cells, epsilon, Math.random) })
    },
  }
}
