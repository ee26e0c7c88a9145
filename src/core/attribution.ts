import { armOf, type ImpressionCount } from './impressions'
import { meanInterval, wilson, type Interval } from './stats'
import type { InteractionEvent } from './types'

// Conversion measurement from the local log: impressions and clicks carry the shelf's placement
// and the device's arm (in `props.arm`); a cart or purchase counts for the last shelf click on the
// same product within the attribution window. Impressions are stored as daily counts apart from the
// log (core/impressions.ts); impression events still found in a log count too.

export const DEFAULT_ATTRIBUTION_DAYS = 7
const DAY = 86_400_000

/** Raw counts of one arm and placement. */
export interface ShelfCounts {
  impressions: number
  clicks: number
  carts: number
  purchases: number
  /** Attributed purchase amounts (price x quantity), one entry per purchase. */
  revenue: number[]
}

/** Counts with rates per impression and 95% intervals. */
export interface ShelfStats {
  arm: string
  placement: string
  impressions: number
  clicks: number
  carts: number
  purchases: number
  revenue: number
  ctr: Interval
  cartRate: Interval
  purchaseRate: Interval
  revenuePerImpression: Interval
}

/** Price times quantity of a purchase event's props (quantity 1 when absent), 0 without a price. */
function amountOf(event: InteractionEvent): number {
  const price = Number(event.props?.price)
  const quantity = event.props?.quantity === undefined ? 1 : Number(event.props.quantity)
  return isFinite(price) && isFinite(quantity) && price > 0 && quantity > 0 ? price * quantity : 0
}

/** Counts per "arm placement" key. Events must be in time order; `impressions` are the stored daily counts. */
export function attribute(events: ArrayLike<InteractionEvent>, windowDays = DEFAULT_ATTRIBUTION_DAYS, impressions: readonly ImpressionCount[] = []): Map<string, ShelfCounts & { arm: string; placement: string }> {
  const out = new Map<string, ShelfCounts & { arm: string; placement: string }>()
  const cell = (arm: string, placement: string) => {
    const key = arm + ' ' + placement
    let c = out.get(key)
    if (!c) out.set(key, (c = { arm, placement, impressions: 0, clicks: 0, carts: 0, purchases: 0, revenue: [] }))
    return c
  }
  // Order does not matter for impressions: only clicks open an attribution window.
  for (const row of impressions) if (row.placement) cell(row.arm, row.placement).impressions += row.count
  const lastClick = new Map<string, InteractionEvent>() // item -> last shelf click
  const windowMs = windowDays * DAY
  for (let e = 0; e < events.length; e++) {
    const event = events[e]
    const { type, placement } = event
    if ((type === 'impression' || type === 'click') && placement) {
      const c = cell(armOf(event), placement)
      if (type === 'impression') c.impressions++
      else {
        c.clicks++
        lastClick.set(event.item, event)
      }
    } else if (type === 'cart' || type === 'purchase') {
      const click = lastClick.get(event.item)
      if (!click || event.ts - click.ts > windowMs || event.ts < click.ts) continue
      const c = cell(armOf(click), click.placement!)
      if (type === 'cart') c.carts++
      else {
        c.purchases++
        c.revenue.push(amountOf(event))
        lastClick.delete(event.item) // one purchase per click
      }
    }
  }
  return out
}

/** Rates and intervals for every arm and placement, sorted by arm then placement. */
export function shelfStats(events: ArrayLike<InteractionEvent>, windowDays = DEFAULT_ATTRIBUTION_DAYS, impressions: readonly ImpressionCount[] = []): ShelfStats[] {
  return [...attribute(events, windowDays, impressions).values()]
    .sort((a, b) => a.arm.localeCompare(b.arm) || a.placement.localeCompare(b.placement))
    .map((c) => ({
      arm: c.arm, placement: c.placement, impressions: c.impressions, clicks: c.clicks, carts: c.carts, purchases: c.purchases,
      revenue: c.revenue.reduce((a, b) => a + b, 0),
      ctr: wilson(c.clicks, c.impressions),
      cartRate: wilson(c.carts, c.impressions),
      purchaseRate: wilson(c.purchases, c.impressions),
      revenuePerImpression: meanInterval(c.revenue, c.impressions),
    }))
}
