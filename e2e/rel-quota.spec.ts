import { expect, test } from '@playwright/test'
import { catalog, ready, watch } from './helpers'

// Promise 2, "full disk", and defect 5. With the origin's quota set small (CDP
// Storage.overrideQuotaForOrigin) and random (incompressible) payloads, the shopper keeps browsing
// across reloads: the log evicts the oldest events and retries on disk instead of moving to memory
// for the page's life, so every page still records durably, the newest events are kept, the
// trained weights are still saved, the export is complete, and the console names the error.
// Without the eviction (makingRoom in src/store/event-log.ts) acks turn false after the first full
// batch and later pages lose their events.
const PAGES = 6
const PER_PAGE = 90
const QUOTA = 3 * 1024 * 1024

test('a full disk evicts the oldest events and keeps recording on disk', async ({ page, baseURL }) => {
  test.setTimeout(120_000)
  const { errors } = await watch(page)
  const warnings: string[] = []
  page.on('console', (m) => { if (m.type() === 'warning' && /Localshelf/.test(m.text())) warnings.push(m.text()) })
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(baseURL!).origin, quotaSize: QUOTA })
  // Products of the catalog: events about unknown ids are stored but teach the model nothing, and
  // the last page must train (a round with zero steps never counts as trained).
  const ids = (await catalog(page)).slice(0, 40).map((p) => p.id)
  const acksPerPage: number[] = []
  let lastN = 0
  for (let p = 0; p < PAGES; p++) {
    // The last page trains, so the model must be saved on a full disk too.
    await page.goto(p === PAGES - 1 ? '/harness.html?backend=wasm&shelves=trending' : '/harness.html?learn=false&shelves=trending')
    await ready(page)
    const acks = await page.evaluate(async ([start, count, ids]) => {
      const random = (n: number) => Array.from(crypto.getRandomValues(new Uint8Array(n)), (b) => (b % 36).toString(36)).join('')
      const results: boolean[] = []
      // A few batches per page, like a shopper's clicks.
      for (let b = 0; b < 3; b++) {
        const batch = []
        for (let i = 0; i < count / 3; i++) {
          const n = start + b * (count / 3) + i
          batch.push(window.Localshelf!.track('view', ids[n % ids.length], { n, pad: random(10000) }))
        }
        results.push(...(await Promise.all(batch)))
      }
      return results.filter(Boolean).length
    }, [lastN, PER_PAGE, ids] as const)
    lastN += PER_PAGE
    acksPerPage.push(acks)
  }
  await page.waitForFunction(() => window.Localshelf!.state().trained, undefined, { timeout: 60_000 })
  // A second training on the full disk: each save gets its chance to make room.
  const first = await page.evaluate(() => window.Localshelf!.state().trainRounds)
  await page.evaluate((id) => window.Localshelf!.track('view', id, { n: -1 }), ids[1])
  await page.waitForFunction((t) => window.Localshelf!.state().trainRounds > t, first, { timeout: 60_000 })
  // The save lands after the worker's 'trained' message; give it a moment, then read back on a fresh page.
  await page.waitForTimeout(500)
  await page.goto('/harness.html?learn=false')
  await ready(page)
  const exported = await page.evaluate(async () => {
    const data = (await window.Localshelf!.exportData()) as { events: Array<{ type: string; props?: { n?: number } }>; model: unknown }
    return { ns: data.events.filter((e) => e.type === 'view').map((e) => e.props!.n!).filter((n) => n >= 0), model: data.model, stored: window.Localshelf!.state().eventsStored, total: data.events.length }
  })
  const { usage, quota } = await page.evaluate(() => navigator.storage.estimate()) as { usage: number; quota: number }
  const kept = new Set(exported.ns)
  const missing = Array.from({ length: lastN }, (_, n) => n).filter((n) => !kept.has(n))
  console.log(`[full disk] quota ${quota} B, usage ${usage} B; acks per page ${acksPerPage.join(',')} of ${PER_PAGE}; kept ${kept.size}/${lastN} (evicted ${missing.length}, newest evicted n=${Math.max(-1, ...missing)}, oldest kept n=${Math.min(...kept)}); eventsStored ${exported.stored} vs exported ${exported.total}; model saved ${exported.model !== null}; quota warnings ${warnings.filter((w) => /QuotaExceededError/.test(w)).length} (events ${warnings.filter((w) => /removing the/.test(w)).length}, model ${warnings.filter((w) => /saving the model/.test(w)).length})`)
  // The quota was hit and named.
  expect(missing.length).toBeGreaterThan(0)
  expect(warnings.some((w) => /QuotaExceededError\); removing the/.test(w)), 'the log made room').toBe(true)
  // Every page kept recording on disk.
  expect(acksPerPage).toEqual(Array(PAGES).fill(PER_PAGE))
  // Oldest first: everything evicted is older than everything kept; the newest page is whole.
  expect(Math.max(...missing)).toBeLessThan(Math.min(...kept))
  for (let n = lastN - PER_PAGE; n < lastN; n++) expect(kept.has(n)).toBe(true)
  expect(exported.model).not.toBeNull()
  expect(exported.stored).toBe(exported.total)
  expect(errors).toEqual([])
})
