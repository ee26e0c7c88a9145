// The interactive replay of `--protocol session`: the shopper sees the method's shelf before each
// basket, and what the shelf showed but the shopper passed over comes back as the widget would
// record it. Only here does a method see its own displays, so only here can it learn from them.
import type { MetricAccumulator } from './metrics'
import { CUTOFF, MAX_CUTOFF, topItems } from './metrics'
import type { Method, ScoreContext } from './method'
import { isInteraction } from './protocol'
import type { EvalUser, HistoryEvent } from './protocol'

/** Time spent and work done while replaying one shopper. */
export interface SessionTally {
  rankMs: number
  observeMs: number
  /** Impression events handed to `observe`. */
  impressions: number
}

/**
 * Replays one held-out shopper: basket 0 is observed as is; before every later basket the method
 * scores the local log so far (interactions and the impressions it produced), the harness shows
 * its top 10 (items the shopper interacted with excluded), scores the basket's new items when
 * the split has a point there, then observes `impression` events (same ts as the basket) for the
 * shown items the basket did not pick, then the basket's own events. `excluded` must be all
 * zeros on entry and is all zeros again on return.
 */
export async function replaySession(
  method: Method, user: EvalUser, context: ScoreContext, catalogSize: number,
  excluded: Uint8Array, metrics: MetricAccumulator, tally: SessionTally,
): Promise<void> {
  const { events, basketStarts, points } = user
  const log: HistoryEvent[] = []
  let next = 0
  const observe = async (batch: HistoryEvent[]) => {
    for (const e of batch) {
      log.push(e)
      if (isInteraction(e.type)) excluded[e.item] = 1
    }
    if (!method.observe) return
    const started = performance.now()
    await method.observe(user.key, batch)
    tally.observeMs += performance.now() - started
  }
  try {
    for (let b = 0; b < basketStarts.length; b++) {
      const from = basketStarts[b]
      const basket = events.slice(from, b + 1 < basketStarts.length ? basketStarts[b + 1] : events.length)
      if (b > 0) {
        const started = performance.now()
        const scores = await method.scoreUser(log.slice(), context)
        if (scores.length !== catalogSize) throw new Error(`scoreUser returned ${scores.length} scores for a catalog of ${catalogSize} items; return one score per catalog item`)
        const ranked = topItems(scores, excluded, MAX_CUTOFF)
        tally.rankMs += performance.now() - started
        for (; next < points.length && points[next].at < from; next++);
        if (next < points.length && points[next].at === from) metrics.add(ranked, new Set(points[next++].target))
        const picked = new Set(basket.map((e) => e.item))
        const ts = basket[0].ts
        const impressions = ranked.slice(0, CUTOFF).filter((item) => !picked.has(item)).map((item): HistoryEvent => ({ item, ts, type: 'impression' }))
        tally.impressions += impressions.length
        if (impressions.length) await observe(impressions)
      }
      await observe(basket)
    }
  } finally {
    for (const e of log) excluded[e.item] = 0
  }
}
