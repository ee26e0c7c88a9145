import { expect, test, type Page } from '@playwright/test'
import { ready, watch } from './helpers'
import { holdEngine, kb, watchFirstPaintScripts } from './script-bytes'

// The script tag is the first-paint chunk; the engine (localshelf-engine.js) is a second one. Here
// the engine's chunk is held back (holdEngine), so whatever the shelves show meanwhile came from the first chunk.

const cards = (page: Page) => page.locator('local-shelf[placement="trending"] [part~="item"]')

const ids = (page: Page, placement: string) => page.locator(`local-shelf[placement="${placement}"] [part~="item"]`).evaluateAll((els) => els.map((el) => el.getAttribute('data-item-id')))

test('a returning shopper\'s shelves paint from their last ranking before the engine loads; erase forgets it', async ({ page }) => {
  const { errors } = await watch(page)
  await page.goto('/harness.html?learn=false&shelves=trending,similar&item=85123A')
  await ready(page)
  await expect(page.locator('local-shelf[placement="similar"] [part~="item"]').first()).toBeVisible()
  // The engine's rankings, as the shelves cached them.
  const ranked = await page.evaluate(() => ['trending', 'similar'].map((placement) => window.Localshelf!.recommend({ placement, item: placement === 'similar' ? '85123A' : undefined, limit: 10 }).items.map((i) => i.id)))
  expect(ranked[0]).toHaveLength(10)

  // Returning: painted from the cache while the engine's chunk is held, in the same order, with
  // the first-paint file alone. A shelf this shopper has no ranking cached for (for-you here) waits
  // for the engine: the catalogue's popularity order is a first visit's answer, not theirs.
  const scripts = await watchFirstPaintScripts(page)
  const { release } = await holdEngine(page)
  await page.goto('/harness.html?learn=false&shelves=trending,similar&item=85123A')
  await expect(cards(page)).toHaveCount(10)
  expect(await ids(page, 'trending')).toEqual(ranked[0])
  expect(await ids(page, 'similar')).toEqual(ranked[1])
  expect(await page.evaluate(() => window.Localshelf!.state().catalogSize)).toBe(0) // the engine is not there yet
  const bytes = await scripts.measure((await scripts.firstPaint()).scripts)
  console.log(`[first paint] returning shopper: ${bytes.paths.join(' + ')} = ${kb(bytes.gzip)} gzip, ${kb(bytes.brotli)} brotli`)
  expect(bytes.paths).toEqual(['/localshelf.js'])
  expect(bytes.gzip).toBeLessThanOrEqual(12 * 1024)
  // Added once the catalogue's rows have long been read: it still waits for the engine.
  await page.waitForTimeout(300)
  await page.evaluate(() => {
    const shelf = document.createElement('local-shelf')
    shelf.setAttribute('placement', 'for-you')
    document.getElementById('shelves')!.append(shelf)
  })
  await page.waitForTimeout(300)
  expect(await ids(page, 'for-you')).toEqual([])
  // A track before the engine exists is kept and recorded once it has loaded.
  // (Not awaited: its acknowledgement comes once the engine has loaded and stored it.)
  await page.evaluate((id) => void window.Localshelf!.track('view', id), ranked[0][0])
  release()
  await ready(page)
  expect(await page.evaluate(() => window.Localshelf!.state().catalogSize)).toBeGreaterThan(0)
  await expect(page.locator('local-shelf[placement="for-you"] [part~="item"]')).toHaveCount(10)
  await expect.poll(() => page.evaluate(async () => ((await window.Localshelf!.exportData()) as { events: { type: string }[] }).events.filter((e) => e.type === 'view').length)).toBe(1)

  // Erased: nothing cached, so the next page is a first visit again: trending paints from the
  // catalogue's rows, "similar" (which only the cache or the engine can rank) waits for the engine.
  await page.evaluate(() => window.Localshelf!.erase())
  const { release: releaseAgain } = await holdEngine(page)
  await page.reload()
  await expect(cards(page)).toHaveCount(10)
  await page.waitForTimeout(300)
  expect(await ids(page, 'similar')).toEqual([])
  releaseAgain()
  await ready(page)
  await expect(page.locator('local-shelf[placement="similar"] [part~="item"]').first()).toBeVisible()
  expect(errors).toEqual([])
})

test('a first visit paints trending from the catalogue before the engine; a shelf only the engine can rank, or with rules, waits for it', async ({ page }) => {
  const { errors } = await watch(page)
  const { release } = await holdEngine(page)
  await page.goto('/harness.html?learn=false&shelves=trending,similar&item=85123A')
  await expect(cards(page)).toHaveCount(10)
  await page.waitForTimeout(300)
  expect(await page.evaluate(() => window.__renders.filter((r) => r.items.length).map((r) => [r.placement, r.source]))).toEqual([['trending', 'popular']])
  // A trending shelf with the shop's rules (here: a hidden product) is the engine's to rank.
  await page.evaluate(() => {
    const shelf = document.createElement('local-shelf')
    shelf.setAttribute('placement', 'trending')
    shelf.setAttribute('exclude', '85123A')
    shelf.id = 'ruled'
    document.getElementById('shelves')!.append(shelf)
  })
  await page.waitForTimeout(300)
  await expect(page.locator('#ruled [part~="item"]')).toHaveCount(0)
  release()
  await ready(page)
  await expect(page.locator('#ruled [part~="item"]')).toHaveCount(10)
  expect(await page.locator('#ruled [part~="item"]').evaluateAll((els) => els.map((el) => el.getAttribute('data-item-id')))).not.toContain('85123A')
  await expect(page.locator('local-shelf[placement="similar"] [part~="item"]').first()).toBeVisible()
  expect(errors).toEqual([])
})
