import { expect, test } from '@playwright/test'
import { ready, waitForRender, watch } from './helpers'

// The shop model written by `localshelf pretrain` (demo/shop-model/, made by scripts/demo-model.mjs).
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
})
