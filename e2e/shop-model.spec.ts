import { expect, test } from '@playwright/test'
import { ready, waitForRender, watch } from './helpers'

// The shop model written by `localshelf pretrain` (public/shop-model/, made by scripts/demo-model.mjs).
test.describe('shop model', () => {
  test('loads in the widget and orders the trending shelf by the shop\'s sales', async ({ page }) => {
    const { errors } = await watch(page)
    const manifest = await (await page.request.get('/shop-model/model.json')).json()
    const bestsellers = manifest.itemIds
      .map((id: string, i: number) => [id, manifest.popularity[i]] as const)
      .sort((a: readonly [string, number], b: readonly [string, number]) => b[1] - a[1])
      .slice(0, 3)
      .map(([id]: readonly [string, number]) => id)
    await page.goto('/harness.html?learn=false&model=/shop-model/&shelves=trending')
    await ready(page)
    const trending = await waitForRender(page, 'trending')
    expect(await page.evaluate(() => window.Localshelf!.state().modelSource)).toBe('shop')
    expect(trending.items.slice(0, 3)).toEqual(bestsellers)
    expect(errors).toEqual([])
  })

  test('ranks with the shop model\'s neighbours for a fresh shopper', async ({ page }) => {
    await watch(page)
    await page.goto('/harness.html?learn=false&model=/shop-model/&shelves=for-you')
    await ready(page)
    const manifest = await (await page.request.get('/shop-model/model.json')).json()
    await page.evaluate((id) => window.Localshelf!.track('purchase', id), manifest.itemIds[0])
    const forYou = await waitForRender(page, 'for-you', 'content')
    expect(forYou.items.length).toBe(10)
    expect(forYou.items).not.toContain(manifest.itemIds[0])
  })

  test('ranks the history of a shopper with the sequence encoder of a version 4 model, with no ML code loaded', async ({ page }) => {
    await watch(page)
    const manifest = await (await page.request.get('/shop-model/model.json')).json()
    expect(manifest.version).toBe(4)
    expect(manifest.encoder).toMatchObject({ dim: 64, maxLen: 50 })
    await page.goto('/harness.html?learn=false&model=/shop-model/&shelves=for-you')
    await ready(page)
    const seen = manifest.itemIds.slice(5, 8)
    await page.evaluate(async (ids) => {
      for (const id of ids) {
        window.Localshelf!.track('view', id)
        await new Promise((resolve) => setTimeout(resolve, 5))
      }
    }, seen)
    const forYou = await waitForRender(page, 'for-you', 'content')
    expect(forYou.items.length).toBe(10)
    for (const id of seen) expect(forYou.items).not.toContain(id)
    // Ranked in plain TypeScript from the files: no worker, no tfjs, no wasm was fetched.
    const ml = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((n) => /worker|wasm|tfjs/.test(n)))
    expect(ml).toEqual([])
  })

  test('a missing shop model falls back to content and popularity', async ({ page }) => {
    const pageErrors: string[] = []
    page.on('pageerror', (e) => pageErrors.push(e.message))
    await watch(page)
    await page.goto('/harness.html?learn=false&model=/no-such-model/&shelves=trending')
    await ready(page)
    const trending = await waitForRender(page, 'trending')
    expect(trending.items.length).toBe(10)
    const state = await page.evaluate(() => window.Localshelf!.state())
    expect(state.modelSource).toBe('content')
    expect(state.error).toMatch(/shop model.*404/)
    expect(pageErrors).toEqual([])
  })

  test('weights fine-tuned from an older shop model are dropped when the shop publishes a new one', async ({ page }) => {
    const { errors } = await watch(page)
    const manifest = await (await page.request.get('/shop-model/model.json')).json()
    await page.goto('/harness.html?model=/shop-model/&shelves=for-you')
    await ready(page)
    for (const id of manifest.itemIds.slice(0, 3)) await page.evaluate((item) => window.Localshelf!.track('purchase', item), id)
    await expect.poll(() => page.evaluate(() => window.Localshelf!.state().trained), { timeout: 30_000 }).toBe(true)
    await waitForRender(page, 'for-you', 'personal')

    // Same model: the fine-tuned weights paint the first shelf.
    await page.reload()
    await ready(page)
    await waitForRender(page, 'for-you')
    expect(await page.evaluate(() => window.__renders.filter((r) => r.placement === 'for-you')[0].source)).toBe('personal')

    // The shop publishes a new model (another training run): the old fine-tune no longer applies,
    // and the stored events train the new model instead.
    await page.route('**/shop-model/model.json', (route) => route.fulfill({ json: { ...manifest, training: { ...manifest.training, seconds: -1 } } }))
    await page.reload()
    await ready(page)
    // Nothing cached applies to the new model, so the page starts as a first visit does: the
    // catalogue's popularity order may paint before the engine, whose first ranking is content-based.
    await waitForRender(page, 'for-you', 'content')
    expect(await page.evaluate(() => window.__renders.filter((r) => r.placement === 'for-you' && r.source !== 'popular')[0].source)).toBe('content')
    await waitForRender(page, 'for-you', 'personal')
    expect(await page.evaluate(() => window.Localshelf!.state().eventsStored)).toBeGreaterThanOrEqual(3)
    expect(errors).toEqual([])
  })
})
