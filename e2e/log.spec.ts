import { expect, test } from '@playwright/test'
import { catalog, exportedEvents, exportedImpressions, ready, watch } from './helpers'

// The IndexedDB interaction log, through the public API on a page with the script tag.
test.describe('interaction log', () => {
  test('stores a burst of events in batches and keeps them over a reload', async ({ page }) => {
    const { errors } = await watch(page)
    const ids = (await catalog(page)).slice(0, 50).map((p) => p.id)
    await page.goto('/harness.html?learn=false')
    await ready(page)
    // eventsStored counts stored events (issue 10): read it once track() has acknowledged them all.
    const acks = await page.evaluate((list) => {
      const all = []
      for (let i = 0; i < 500; i++) all.push(window.Localshelf!.track('view', list[i % list.length]))
      return Promise.all(all)
    }, ids)
    expect(acks.every(Boolean)).toBe(true)
    expect((await page.evaluate(() => window.Localshelf!.state())).eventsStored).toBe(500)
    await page.reload()
    await ready(page)
    expect((await page.evaluate(() => window.Localshelf!.state())).eventsStored).toBe(500)
    const exported = await exportedEvents(page)
    expect(exported).toHaveLength(500)
    expect(exported[0]).toMatchObject({ type: 'view', item: ids[0] })
    expect(errors).toEqual([])
  })

  test('flushes the pending batch when the shopper leaves the page at once', async ({ page }) => {
    const ids = (await catalog(page)).slice(0, 3).map((p) => p.id)
    await page.goto('/harness.html?learn=false')
    await ready(page)
    // Tracked and navigated away within the batching window: only pagehide can save these.
    await page.evaluate((list) => { for (const id of list) window.Localshelf!.track('click', id, { placement: 'for-you' }) }, ids)
    await page.goto('/harness.html?learn=false&again=1')
    await ready(page)
    const events = (await exportedEvents(page))
    expect(events.map((e) => e.item)).toEqual(ids)
    expect(events.every((e) => e.placement === 'for-you')).toBe(true)
  })

  test('survives closing the tab right after tracking', async ({ context }) => {
    const first = await context.newPage()
    const ids = (await catalog(first)).slice(0, 2).map((p) => p.id)
    await first.goto('/harness.html?learn=false')
    await ready(first)
    await first.evaluate((list) => { for (const id of list) window.Localshelf!.track('cart', id) }, ids)
    await first.close({ runBeforeUnload: true })
    const second = await context.newPage()
    await second.goto('/harness.html?learn=false')
    await ready(second)
    const events = (await exportedEvents(second))
    expect(events.map((e) => e.item)).toEqual(ids)
  })

  // The structural check of issue 9: impressions do not count against the interaction cap (5000).
  test('6000 impressions and 100 views leave all 100 views: impressions are counted apart from the capped log', async ({ page }) => {
    const { errors } = await watch(page)
    const ids = (await catalog(page)).map((p) => p.id)
    await page.goto('/harness.html?learn=false')
    await ready(page)
    // As a browsing shopper produces them: a view, then 60 shelf impressions, 100 times.
    const acks = await page.evaluate((list) => {
      const all: Promise<boolean>[] = []
      for (let v = 0; v < 100; v++) {
        all.push(window.Localshelf!.track('view', list[v % list.length]))
        for (let i = 0; i < 60; i++) all.push(window.Localshelf!.track('impression', list[(v * 60 + i) % list.length], { placement: 'for-you' }))
      }
      return Promise.all(all)
    }, ids)
    expect(acks.every(Boolean)).toBe(true)
    await page.reload()
    await ready(page)
    const events = await exportedEvents(page)
    expect(events.filter((e) => e.type === 'view')).toHaveLength(100)
    expect(events.filter((e) => e.type === 'impression')).toHaveLength(0)
    expect((await page.evaluate(() => window.Localshelf!.state())).eventsStored).toBe(100)
    const shown = (await exportedImpressions(page)).filter((r) => r.placement === 'for-you')
    expect(shown.reduce((n, r) => n + r.count, 0)).toBe(6000)
    const stats = await page.evaluate(() => window.Localshelf!.getStats())
    expect(stats.find((s) => s.placement === 'for-you')).toMatchObject({ impressions: 6000, clicks: 0 })
    expect(errors).toEqual([])
  })

  test('reports bad track() calls without throwing into the page', async ({ page }) => {
    const warnings: string[] = []
    page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()) })
    await page.goto('/harness.html?learn=false')
    await ready(page)
    const threw = await page.evaluate(() => {
      try {
        window.Localshelf!.track('', 'x')
        window.Localshelf!.track('view', '')
        return false
      } catch {
        return true
      }
    })
    expect(threw).toBe(false)
    expect(warnings.some((w) => /Localshelf/.test(w))).toBe(true)
    expect((await page.evaluate(() => window.Localshelf!.state())).eventsStored).toBe(0)
  })
})
