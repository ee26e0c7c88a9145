import { expect, test, type Page } from '@playwright/test'
import { exportedImpressions, ready, tapWorkers, trainRounds, waitForRender, watch } from './helpers'

// The demo's shop model is a sequence model (version 3 or later, with an encoder): the worker fine-tunes it
// with the sequence fine-tune (src/model/seq-fine-tune.ts, the eval's shop+finetune), the items the
// shelves showed and the shopper passed over as negatives, and the page ranks with the patched biases.

const forYou = (page: Page) => page.evaluate(() => window.__renders.filter((r) => r.placement === 'for-you').pop())

test('fine-tunes a sequence shop model in the worker: trained, personal, passed-over items demoted, no tensor growth', async ({ page, browser }) => {
  const { errors } = await watch(page)
  const manifest = await (await page.request.get('/shop-model/model.json')).json()
  expect(manifest.version).toBeGreaterThanOrEqual(3)
  expect(manifest.encoder).toBeTruthy()
  const ids: string[] = manifest.itemIds.slice(20, 41)
  // The biases the worker starts from, the items the page tells it were shown, and each round's new biases.
  await tapWorkers(page)
  await page.addInitScript(() => {
    const seen = { start: {} as Record<string, number>, shown: [] as string[], latest: {} as Record<string, number> }
    ;(window as unknown as { __biases: typeof seen }).__biases = seen
    window.__workerTaps.sent.push((m) => {
      const weights = m.weights as { itemIds: string[]; itemBias: Float32Array } | undefined
      if (m.kind === 'init' && weights) weights.itemIds.forEach((id, i) => { seen.start[id] = weights.itemBias[i] })
      if (Array.isArray(m.shown)) seen.shown.push(...(m.shown as string[]))
    })
    window.__workerTaps.received.push((m) => {
      const delta = m.delta as { ids: string[]; itemBias: Float32Array } | undefined
      if (m.kind === 'trained' && delta) delta.ids.forEach((id, k) => { seen.latest[id] = delta.itemBias[k] })
    })
  })
  await page.goto('/harness.html?backend=wasm&model=/shop-model/&shelves=for-you')
  await ready(page)
  const states = await trainRounds(page, ids, 6)
  // The shopper looks at the shelf long enough for its cards to count as shown (half visible for
  // one second), passes them over, and views three more products: the round after learns from them.
  await page.waitForTimeout(1500)
  states.push(...(await trainRounds(page, ids.slice(18), 1)))
  const shownCount = (await exportedImpressions(page)).length
  expect(states.every((s) => s.trained && !s.error)).toBe(true)
  expect(states[6].workerTensors).toBe(states[1].workerTensors)
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
  // What the fine-tune learned: the viewed items' biases up, the shown-and-passed-over ones down.
  // (The for-you order itself is not asserted: on the demo model the neighbour term dominates the
  // scores, and the few bias steps of these rounds left the top 10 as the frozen model's in most
  // runs; the eval's session protocol measures the same tie, see docs/quality.md and issue 8.)
  const biases = await page.evaluate(() => (window as unknown as { __biases: { start: Record<string, number>; shown: string[]; latest: Record<string, number> } }).__biases)
  const moved = (id: string) => (biases.latest[id] ?? biases.start[id]) - biases.start[id]
  const passedOver = [...new Set(biases.shown)].filter((id) => !ids.includes(id) && id in biases.latest)
  console.log(`  viewed items' bias change ${ids.slice(0, 3).map((id) => moved(id).toFixed(3)).join(', ')} ...; ${passedOver.length} passed-over items, change ${passedOver.slice(0, 5).map((id) => moved(id).toFixed(3)).join(', ')} ...`)
  // Most viewed items rose (the first view is never a target; a viewed item that had been shown
  // before is also a negative of the earlier positions).
  expect(ids.filter((id) => moved(id) > 0).length).toBeGreaterThan(ids.length / 2)
  expect(passedOver.length).toBeGreaterThan(0)
  expect(passedOver.every((id) => moved(id) < 0)).toBe(true)
  expect(errors).toEqual([])
})

test('a lone view with nothing shown teaches a sequence model nothing: the round is reported, nothing claims to be personal', async ({ page }) => {
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
