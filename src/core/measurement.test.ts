import { describe, expect, it } from 'vitest'
import { armFor } from './arms'
import { attribute, shelfStats } from './attribution'
import { DAILY_CAP, estimateDeviation, laplace, privatize } from './privacy-noise'
import { createRandom } from './random'
import { meanInterval, wilson } from './stats'
import type { InteractionEvent } from './types'

describe('wilson', () => {
  it('matches the hand-computed 95% interval of 5 in 20', () => {
    const { value, low, high } = wilson(5, 20)
    expect(value).toBe(0.25)
    expect(low).toBeCloseTo(0.1119, 4)
    expect(high).toBeCloseTo(0.4687, 4)
  })
  it('stays in 0..1 at the edges and is the whole range without trials', () => {
    expect(wilson(0, 10).low).toBe(0)
    expect(wilson(0, 10).high).toBeCloseTo(0.2775, 4)
    expect(wilson(10, 10).high).toBeCloseTo(1, 12)
    expect(wilson(0, 0)).toEqual({ value: 0, low: 0, high: 1 })
  })
})

describe('meanInterval', () => {
  it('matches the hand-computed interval of revenue 10 and 20 over 4 impressions', () => {
    // mean 7.5; sample variance (100 + 400 - 4 * 56.25) / 3 = 91.67; half width 1.96 * sqrt(91.67 / 4) = 9.383
    const { value, low, high } = meanInterval([10, 20], 4)
    expect(value).toBe(7.5)
    expect(low).toBeCloseTo(-1.883, 2)
    expect(high).toBeCloseTo(16.883, 2)
  })
})

const DAY = 86_400_000
const ev = (type: string, item: string, day: number, extra: Partial<InteractionEvent> = {}): InteractionEvent => ({ type, item, ts: day * DAY, ...extra })

describe('attribute', () => {
  it('credits carts and purchases to the last shelf click on the item within the window', () => {
    const log = [
      ev('impression', 'a', 0, { placement: 'for-you', props: { arm: 'model' } }),
      ev('impression', 'b', 0, { placement: 'for-you', props: { arm: 'model' } }),
      ev('click', 'a', 0, { placement: 'for-you', props: { arm: 'model' } }),
      ev('click', 'a', 1, { placement: 'cart', props: { arm: 'model' } }), // the last click wins
      ev('cart', 'a', 2),
      ev('purchase', 'a', 3, { props: { price: 2.5, quantity: 4 } }),
      ev('click', 'b', 0, { placement: 'trending', props: { arm: 'model' } }),
      ev('purchase', 'b', 8), // 8 days after the click: outside the 7-day window
      ev('purchase', 'c', 1), // never clicked on a shelf
    ]
    const counts = attribute(log)
    expect(counts.get('model for-you')).toMatchObject({ impressions: 2, clicks: 1, carts: 0, purchases: 0 })
    expect(counts.get('model cart')).toMatchObject({ impressions: 0, clicks: 1, carts: 1, purchases: 1, revenue: [10] })
    expect(counts.get('model trending')).toMatchObject({ clicks: 1, purchases: 0 })
    expect(attribute(log, 10).get('model trending')).toMatchObject({ purchases: 1, revenue: [0] })
  })
  it('keeps the arms apart and reports rates with intervals', () => {
    const log = [
      ...Array.from({ length: 20 }, (_, k) => ev('impression', 'i' + k, 0, { placement: 'for-you', props: { arm: 'holdout' } })),
      ...Array.from({ length: 5 }, (_, k) => ev('click', 'i' + k, 0, { placement: 'for-you', props: { arm: 'holdout' } })),
      ev('impression', 'x', 0, { placement: 'for-you', props: { arm: 'model' } }),
    ]
    const stats = shelfStats(log)
    expect(stats.map((s) => s.arm)).toEqual(['holdout', 'model'])
    expect(stats[0].ctr.value).toBe(0.25)
    expect(stats[0].ctr.low).toBeCloseTo(0.1119, 4)
    expect(stats[1]).toMatchObject({ impressions: 1, clicks: 0 })
  })
})

describe('armFor', () => {
  it('puts the holdout share of draws in the holdout and rejects a bad share', () => {
    const random = createRandom(7)
    const draws = Array.from({ length: 10_000 }, () => armFor(random()))
    const share = draws.filter((a) => a === 'holdout').length / draws.length
    expect(share).toBeGreaterThan(0.09)
    expect(share).toBeLessThan(0.11)
    expect(armFor(0.5, 1)).toBe('holdout')
    expect(armFor(0.5, 0)).toBe('model')
    expect(() => armFor(0.5, 2)).toThrow(/holdout must be a share between 0 and 1/)
  })
})

describe('privatize (Laplace, epsilon-DP)', () => {
  it('draws Laplace noise with mean 0 and variance 2 b^2', () => {
    const random = createRandom(1)
    const n = 200_000
    let sum = 0
    let squares = 0
    for (let i = 0; i < n; i++) {
      const x = laplace(3, random)
      sum += x
      squares += x * x
    }
    expect(Math.abs(sum / n)).toBeLessThan(0.05)
    expect(squares / n).toBeGreaterThan(18 * 0.97)
    expect(squares / n).toBeLessThan(18 * 1.03)
  })

  it("gives the shop an unbiased estimate over many devices, within the expected error", () => {
    const random = createRandom(42)
    const devices = 2_000
    const epsilon = 1
    const trials = 200
    const cells = 4
    const truth = { impressions: 0, clicks: 0, carts: 0, purchases: 0 }
    const perDevice = Array.from({ length: devices }, (_, d) => ({ impressions: (d % 30), clicks: d % 4, carts: d % 7 === 0 ? 1 : 0, purchases: d % 13 === 0 ? 1 : 0 }))
    for (const c of perDevice) for (const k of Object.keys(truth) as Array<keyof typeof truth>) truth[k] += Math.min(DAILY_CAP, c[k])
    const sd = estimateDeviation(cells, devices, epsilon)
    const errors: number[] = []
    for (let t = 0; t < trials; t++) {
      let estimate = 0
      for (const c of perDevice) estimate += privatize(c, epsilon, random).clicks
      errors.push(estimate - truth.clicks)
    }
    const mean = errors.reduce((a, b) => a + b, 0) / trials
    const spread = Math.sqrt(errors.reduce((a, b) => a + (b - mean) ** 2, 0) / (trials - 1))
    // Unbiased: the mean error is within 4 standard errors of 0.
    expect(Math.abs(mean)).toBeLessThan((4 * sd) / Math.sqrt(trials))
    // Within the expected error: the spread matches sqrt(2 n) (cells x cap / epsilon) to 15%.
    expect(spread / sd).toBeGreaterThan(0.85)
    expect(spread / sd).toBeLessThan(1.15)
    // And one device's report is noise: its scale dwarfs the count.
    expect(() => privatize({ a: 1 }, 0, random)).toThrow(/epsilon must be a positive number/)
  })
})
