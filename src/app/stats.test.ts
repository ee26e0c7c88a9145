import { describe, expect, it } from 'vitest'
import { createRandom } from '../core/random'
import type { InteractionEvent } from '../core/types'
import { aggregateReport, AGGREGATE_PLACEMENTS } from './stats'

const DAY = 86_400_000
const now = Date.UTC(2026, 10, 29, 12)
const yesterday = now - DAY
const ev = (type: string, item: string, ts: number, placement?: string): InteractionEvent => ({ type, item, ts, placement, props: placement ? { arm: 'model' } : undefined })

describe('aggregateReport', () => {
  const events = [
    ev('impression', 'a', yesterday, 'cart'), ev('impression', 'b', yesterday, 'cart'), ev('click', 'a', yesterday, 'cart'), ev('purchase', 'a', yesterday),
    ev('impression', 'c', now, 'cart'), // today: not in yesterday's report
    ev('impression', 'd', yesterday - 2 * DAY, 'for-you'),
  ]
  it('reports yesterday only, every placement and metric, nothing that names an item', () => {
    const report = aggregateReport(events, 'model', now, 1e9, createRandom(1))
    expect(report.day).toBe('2026-11-28')
    expect(Object.keys(report.counts)).toHaveLength(AGGREGATE_PLACEMENTS.length * 4)
    // With a huge epsilon the noise vanishes and the true counts show.
    expect(Math.round(report.counts['cart.impressions'])).toBe(2)
    expect(Math.round(report.counts['cart.clicks'])).toBe(1)
    expect(Math.round(report.counts['cart.purchases'])).toBe(1)
    expect(Math.round(report.counts['for-you.impressions'])).toBe(0)
    expect(JSON.stringify(report)).not.toMatch(/"[abcd]"/)
  })
  it('adds Laplace noise at epsilon 1 and rejects a bad epsilon', () => {
    const report = aggregateReport(events, 'model', now, 1, createRandom(2))
    expect(Number.isInteger(report.counts['cart.impressions'])).toBe(false)
    expect(() => aggregateReport(events, 'model', now, 0, createRandom(3))).toThrow(/epsilon must be a positive number/)
  })

  it("adds yesterday's stored impression counts (kept apart from the log) and no other day's", () => {
    const counts = [
      { day: '2026-11-28', placement: 'for-you', arm: 'model', item: 'a', count: 3, last: yesterday },
      { day: '2026-11-28', placement: 'for-you', arm: 'holdout', item: 'a', count: 2, last: yesterday },
      { day: '2026-11-29', placement: 'for-you', arm: 'model', item: 'b', count: 4, last: now },
    ]
    const report = aggregateReport([ev('impression', 'c', yesterday, 'for-you')], 'model', now, 1e9, createRandom(4), 7, counts)
    expect(report.day).toBe('2026-11-28')
    expect(Math.round(report.counts['for-you.impressions'])).toBe(4)
  })
})
