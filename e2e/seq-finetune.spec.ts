import { expect, test, type Page } from '@playwright/test'
import { exportedImpressions, ready, trainRounds, waitForRender, watch } from './helpers'

// The demo's shop model is a sequence model (version 3, with an encoder): the worker fine-tunes it
// with the sequence fine-tune (src/model/seq-fine-tune.ts, the eval's shop+finetune), the items the
// shelves showed and the shopper passed over as negatives, and the page ranks with the patched biases.

const forYou = (page: Page) => page.evaluate(() => window.__renders.filter((r) => r.placement === 'for-you').pop())

test('fine-tunes a version-3 shop model in the worker: trained, personal, a new order, no tensor growth', async ({ page, browser }) => {
  const { errors } = await watch(page)
  const manifest = await (await page.request.get('/shop-model/model.json')).json()
  expect(manifest.version).toBe(3)
  expect(manifest.encoder).toBeTruthy()
  const ids: string[] = manifest.itemIds.slice(20, 38)
  await page.goto('/harness.html?backend=wasm&model=/shop-model/&shelves=for-you')
  await ready(page)
  const states = await trainRounds(page, ids, 6)
  const shownCount = (await exportedImpressions(page)).length
  expect(states.every((s) => s.trained && !s.error)).toBe(true)
  expect(states[5].workerTensors).toBe(states[1].workerTensors)
  // The render after the last round: personal, from the patched weights.
  await page.waitForFunction(() => window.__renders.filter((r) => r.placement === 'for-you').pop()?.source === 'personal')
  const personal = (await forYou(page))!
  for (const id of ids) expect(personal.items).not.toContain(id)

  // The frozen shop model's order for the same history: a fresh profile that does not learn.
  const context = await browser.newContext()
  const frozen = await context.newPage()
  await watch(frozen)
  await frozen.goto('/harness.html?learn=false&model=/shop-model/&shelves=for-you')
  await ready(frozen)
  await frozen.evaluate(async (list) => {
    for (const id of list) {
      window.Localshelf!.track('view', id)
      await new Promise((resolve) => setTimeout(resolve, 5))
    }
  }, ids)
  await frozen.waitForFunction((n) => (window.Localshelf!.state().eventsStored ?? 0) >= n, ids.length)
  const shop = await waitForRender(frozen, 'for-you', 'content')
  await context.close()
  console.log(`[seq fine-tune] ${shownCount} impression rows; rounds lastTrainMs ${states.map((s) => s.lastTrainMs.toFixed(1)).join(', ')}; workerTensors ${states.map((s) => s.workerTensors).join(', ')}\n` +
    `  frozen   ${shop.items.join(' ')}\n  personal ${personal.items.join(' ')}`)
  expect(shop.items.length).toBe(personal.items.length)
  // Shown and passed over three times, some of the frozen model's picks give way.
  expect(personal.items).not.toEqual(shop.items)
  expect(errors).toEqual([])
})

test('a lone view with nothing shown teaches a version-3 model nothing: the round is reported, nothing claims to be personal', async ({ page }) => {
  const { errors } = await watch(page)
  const manifest = await (await page.request.get('/shop-model/model.json')).json()
  // No shelf on the page: no impressions, so the one view has neither a next item nor a negative.
  await page.goto('/harness.html?backend=cpu&model=/shop-model/')
  await ready(page)
  await page.evaluate((id) => window.Localshelf!.track('view', id), manifest.itemIds[3])
  await page.waitForFunction(() => window.Localshelf!.state().trainRounds > 0)
  expect(await page.evaluate(() => window.Localshelf!.state().trained)).toBe(false)
  expect(await page.evaluate(() => window.Localshelf!.recommend({ placement: 'for-you', limit: 10 }).source)).not.toBe('personal')
  // A second view is a next item: that round trains, and the shelf is personal from then on.
  await page.evaluate((id) => window.Localshelf!.track('view', id), manifest.itemIds[4])
  await page.waitForFunction(() => window.Localshelf!.state().trained)
  expect(await page.evaluate(() => window.Localshelf!.recommend({ placement: 'for-you', limit: 10 }).source)).toBe('personal')
  expect(errors).toEqual([])
})
