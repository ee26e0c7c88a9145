import { describe, expect, it } from 'vitest'
import { shelfStats } from './attribution'
import { impressionKey, impressionOf, mergeImpressions, totalImpressions, type ImpressionCount } from './impressions'
import type { InteractionEvent } from './types'

const DAY = 86_400_000
const now = Date.UTC(2026, 10, 29, 12)
const shown = (item: string, ts: number, placement?: string, arm?: string): InteractionEvent =>
  ({ type: 'impression', item, ts, ...(placement && { placement }), ...(arm && { props: { arm } }) })

describe('impression counts', () => {
  it('counts one event as 1 on its UTC day, placement and arm (model when it carries none)', () => {
    expect(impressionOf(shown('a', now, 'for-you', 'holdout'))).toEqual({ day: '2026-11-29', placement: 'for-you', arm: 'holdout', item: 'a', count: 1, last: now })
    expect(impressionOf(shown('a', Date.UTC(2026, 10, 29, 23, 59)))).toMatchObject({ day: '2026-11-29', placement: '', arm: 'model' })
    expect(impressionOf(shown('a', Date.UTC(2026, 10, 30)))).toMatchObject({ day: '2026-11-30' })
  })

  it('sums rows of the same day, placement, arm and item, keeping the newest time', () => {
    const rows = [shown('a', now, 'for-you'), shown('a', now + 5, 'for-you'), shown('a', now - 5, 'for-you'), shown('a', now, 'similar'), shown('a', now - DAY, 'for-you'), shown('b', now, 'for-you')].map(impressionOf)
    const merged = [...mergeImpressions(rows).values()]
    expect(merged.map((r) => `${r.day} ${r.placement} ${r.item} ${r.count} ${r.last - now}`)).toEqual([
      '2026-11-29 for-you a 3 5', '2026-11-29 similar a 1 0', '2026-11-28 for-you a 1 -86400000', '2026-11-29 for-you b 1 0',
    ])
    expect(totalImpressions(merged)).toBe(6)
    // Merging into stored rows adds to them.
    const into = mergeImpressions(merged.slice(0, 1))
    expect(mergeImpressions([{ ...merged[0], count: 2, last: now + 9 }], into).get(impressionKey(merged[0]))).toMatchObject({ count: 5, last: now + 9 })
  })

  it('keys sort by day first, so the oldest days are the first keys', () => {
    const keys = [impressionOf(shown('z', now, 'a')), impressionOf(shown('a', now - DAY, 'z', 'z'))].map(impressionKey).sort()
    expect(keys[0].startsWith('2026-11-28')).toBe(true)
  })
})

describe('statistics from impression counts', () => {
  const counts: ImpressionCount[] = [
    { day: '2026-11-28', placement: 'for-you', arm: 'model', item: 'a', count: 3, last: now - DAY },
    { day: '2026-11-28', placement: 'for-you', arm: 'holdout', item: 'a', count: 2, last: now - DAY },
    { day: '2026-11-29', placement: 'for-you', arm: 'model', item: 'b', count: 4, last: now },
    { day: '2026-11-29', placement: '', arm: 'model', item: 'b', count: 9, last: now }, // no shelf: not a shelf statistic
  ]

  it('shelfStats adds the counts to impression events still in the log, per arm and placement', () => {
    const log: InteractionEvent[] = [
      shown('c', now - 2 * DAY, 'for-you', 'model'), // written before the counts existed
      { type: 'click', item: 'b', ts: now, placement: 'for-you', props: { arm: 'model' } },
    ]
    const stats = shelfStats(log, 7, counts)
    expect(stats.map((s) => [s.arm, s.placement, s.impressions, s.clicks])).toEqual([['holdout', 'for-you', 2, 0], ['model', 'for-you', 8, 1]])
    expect(stats[1].ctr.value).toBeCloseTo(1 / 8)
  })
})
