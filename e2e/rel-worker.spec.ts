import { expect, test } from '@playwright/test'
import { catalog, exportedEvents, ready, watch } from './helpers'

// Defects 1 and 7: erase() settles whatever the worker's state, and a worker that failed to load
// is started again when the network returns. Offline at the first training is the realistic way
// a worker fails to load.
test('erase() settles with a dead worker, and the worker is retried once back online', async ({ page, context }) => {
  const { errors } = await watch(page)
  const ids = (await catalog(page)).slice(0, 6).map((p) => p.id)
  await page.goto('/harness.html?backend=wasm&shelves=for-you')
  await ready(page)
  await context.setOffline(true)
  await page.evaluate((list) => { for (const id of list) window.Localshelf!.track('view', id) }, ids.slice(0, 3))
  await page.waitForFunction(() => window.Localshelf!.state().backend === 'unavailable')
  const erase = await page.evaluate(() => {
    const t0 = performance.now()
    return Promise.race([
      window.Localshelf!.erase().then(() => performance.now() - t0),
      new Promise<number>((resolve) => setTimeout(() => resolve(Infinity), 10_000)),
    ])
  })
  // Impressions of the shelves re-rendered after the erase do not count.
  const left = (await exportedEvents(page)).filter((e) => e.type !== 'impression').length
  console.log(`[dead worker] erase() settled in ${erase.toFixed(0)} ms; events left ${left}`)
  expect(erase).toBeLessThan(5000)
  expect(left).toBe(0)
  // Offline still: new events, no worker; back online: training resumes without a reload.
  // One view at a time, as a shopper browses: a same-millisecond burst is one basket, which has no
  // next item to learn and so trains nothing.
  await page.evaluate(async (list) => {
    for (const id of list) {
      window.Localshelf!.track('view', id)
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
  }, ids.slice(3, 6))
  await page.waitForTimeout(800)
  const t0 = Date.now()
  await context.setOffline(false)
  await page.waitForFunction(() => window.Localshelf!.state().trained, undefined, { timeout: 30_000 })
  const state = await page.evaluate(() => window.Localshelf!.state())
  console.log(`[worker retry] trained ${Date.now() - t0} ms after the network returned, on ${state.backend}`)
  expect(state.backend).toBe('wasm')
  // The only console errors are the reported load failure(s) of the worker while offline, and the
  // browser's own notes of what could not be fetched offline (the worker, product pictures).
  expect(errors.filter((e) => !/training worker failed to load|ERR_INTERNET_DISCONNECTED/.test(e))).toEqual([])
})

// A worker that loaded but never answers (stuck in a GPU call, say): erase() waits 2 s for its
// reset, then stops it and erases the stores directly.
test('erase() settles with a stuck worker', async ({ page }) => {
  const ids = (await catalog(page)).slice(0, 3).map((p) => p.id)
  await page.route((url) => url.pathname === '/localshelf-worker.js', (route) =>
    route.fulfill({ body: 'self.onmessage = () => {}', contentType: 'text/javascript' }))
  await page.goto('/harness.html?backend=wasm&shelves=for-you')
  await ready(page)
  await page.evaluate((list) => Promise.all(list.map((id) => window.Localshelf!.track('view', id))), ids)
  // The (silent) worker is started 2 s after the widget, then the training delay.
  await page.waitForTimeout(3000)
  const erase = await page.evaluate(() => {
    const t0 = performance.now()
    return Promise.race([
      window.Localshelf!.erase().then(() => performance.now() - t0),
      new Promise<number>((resolve) => setTimeout(() => resolve(Infinity), 10_000)),
    ])
  })
  const left = (await exportedEvents(page)).filter((e) => e.type !== 'impression').length
  console.log(`[stuck worker] erase() settled in ${erase.toFixed(0)} ms; events left ${left}`)
  expect(erase).toBeLessThan(5000)
  expect(left).toBe(0)
})
