import { expect, test } from '@playwright/test'
import { catalog, ready, watch } from './helpers'

// The opt-in daily aggregate through the script tag (data-aggregate="event"): a day of shelf
// impressions, a click and its purchase, then the next day's first page hands the shop one
// `localshelf:aggregate` event with yesterday's counts per placement, noisy (here a huge epsilon,
// so the true counts show), with no ids, and only once that day. Without consent, none.
const DAY = 86_400_000
const day1 = Date.parse('2026-03-10T10:00:00Z')

declare global {
  interface Window { __aggregates: unknown[] }
}

test('the script tag hands yesterday’s noisy counts to a localshelf:aggregate event, once a day', async ({ page }) => {
  const { errors } = await watch(page)
  await page.addInitScript(() => {
    window.__aggregates = []
    document.addEventListener('localshelf:aggregate', (event) => window.__aggregates.push((event as CustomEvent).detail))
  })
  // No shelf on the page: its own impressions would add to the counted ones.
  const url = '/harness.html?learn=false&aggregate=event&epsilon=10000'
  await page.clock.setFixedTime(day1)
  await page.goto(url)
  await ready(page)
  const ids = (await catalog(page)).slice(0, 3).map((p) => p.id)
  const acks = await page.evaluate(async (ids) => {
    const L = window.Localshelf!
    const acks = []
    for (const id of ids) acks.push(await L.track('impression', id, { placement: 'trending' }))
    acks.push(await L.track('click', ids[0], { placement: 'trending' }))
    acks.push(await L.track('purchase', ids[0]))
    return acks
  }, ids)
  expect(acks).toEqual([true, true, true, true, true])
  // The first page of day 1 reported day 0 (nothing happened then).
  await page.waitForFunction(() => window.__aggregates.length === 1)
  const first = (await page.evaluate(() => window.__aggregates[0])) as { day: string; counts: Record<string, number> }
  expect(first.day).toBe('2026-03-09')

  // The next day: one report of day 1.
  await page.clock.setFixedTime(day1 + DAY)
  await page.goto(url)
  await ready(page)
  await page.waitForFunction(() => window.__aggregates.length === 1)
  const report = (await page.evaluate(() => window.__aggregates[0])) as { day: string; arm: string; epsilon: number; counts: Record<string, number> }
  console.log(`[aggregate] ${JSON.stringify({ ...report, counts: Object.fromEntries(Object.entries(report.counts).filter(([k]) => k.startsWith('trending.')).map(([k, v]) => [k, +v.toFixed(2)])) })}`)
  expect(report).toMatchObject({ day: '2026-03-10', arm: 'model', epsilon: 10000 })
  expect(report.counts['trending.impressions']).toBeCloseTo(3, 0)
  expect(report.counts['trending.clicks']).toBeCloseTo(1, 0)
  expect(report.counts['trending.purchases']).toBeCloseTo(1, 0)
  expect(report.counts['for-you.clicks']).toBeCloseTo(0, 0)
  // Counts only: no product id anywhere in what the shop receives.
  const text = JSON.stringify(report)
  for (const id of ids) expect(text).not.toContain(`"${id}"`)

  // Once a day: a second page the same day reports nothing.
  await page.goto(url)
  await ready(page)
  await page.waitForTimeout(500)
  expect(await page.evaluate(() => window.__aggregates.length)).toBe(0)
  expect(errors).toEqual([])
})

test('without consent there is no aggregate', async ({ page }) => {
  const { errors } = await watch(page)
  await page.addInitScript(() => {
    window.__aggregates = []
    document.addEventListener('localshelf:aggregate', (event) => window.__aggregates.push((event as CustomEvent).detail))
  })
  await page.goto('/harness.html?learn=false&shelves=trending&aggregate=event&consent=required')
  await ready(page)
  await page.waitForTimeout(500)
  expect(await page.evaluate(() => window.__aggregates.length)).toBe(0)
  // Consent starts the measurement: the day's report follows.
  await page.evaluate(() => window.Localshelf!.consent(true))
  await page.waitForFunction(() => window.__aggregates.length === 1)
  expect(errors).toEqual([])
})
