import { expect, test, type Page } from '@playwright/test'
import { ready, waitForRender, watch } from './helpers'

// The script tag is the first-paint chunk; the engine (localshelf-engine.js) is a second one. Here
// the engine's chunk is held back, so whatever the shelves show meanwhile came from the first chunk.
async function holdEngine(page: Page): Promise<() => void> {
  let release!: () => void
  const held = new Promise<void>((resolve) => (release = resolve))
  await page.route('**/localshelf-engine.js', async (route) => {
    await held
    await route.continue()
  })
  return release
}

const cards = (page: Page) => page.locator('local-shelf[placement="trending"] [part~="item"]')

test('a returning shopper\'s shelves paint from their last ranking before the engine loads; erase forgets it', async ({ page }) => {
  const { errors } = await watch(page)
  await page.goto('/harness.html?learn=false&shelves=trending')
  await ready(page)
  const ranked = await waitForRender(page, 'trending')
  expect(ranked.items).toHaveLength(10)

  // Returning: painted from the cache while the engine's chunk is held, in the same order.
  const release = await holdEngine(page)
  await page.reload()
  await expect(cards(page)).toHaveCount(10)
  expect(await cards(page).evaluateAll((els) => els.map((el) => el.getAttribute('data-item-id')))).toEqual(ranked.items)
  expect(await page.evaluate(() => window.Localshelf!.state().catalogSize)).toBe(0) // the engine is not there yet
  // A track before the engine exists is kept and recorded once it has loaded.
  // (Not awaited: its acknowledgement comes once the engine has loaded and stored it.)
  await page.evaluate((id) => void window.Localshelf!.track('view', id), ranked.items[0])
  release()
  await ready(page)
  expect(await page.evaluate(() => window.Localshelf!.state().catalogSize)).toBeGreaterThan(0)
  await expect.poll(() => page.evaluate(async () => ((await window.Localshelf!.exportData()) as { events: { type: string }[] }).events.filter((e) => e.type === 'view').length)).toBe(1)

  // Erased: nothing cached, so the next page waits for the engine again.
  await page.evaluate(() => window.Localshelf!.erase())
  const releaseAgain = await holdEngine(page)
  await page.reload()
  await page.waitForTimeout(500)
  await expect(cards(page)).toHaveCount(0)
  releaseAgain()
  await ready(page)
  await expect(cards(page)).toHaveCount(10)
  expect(errors).toEqual([])
})

test('a first visit renders nothing until the engine has ranked', async ({ page }) => {
  const { errors } = await watch(page)
  const release = await holdEngine(page)
  await page.goto('/harness.html?learn=false&shelves=trending')
  await page.waitForTimeout(500)
  await expect(cards(page)).toHaveCount(0)
  expect(await page.evaluate(() => window.__renders.length)).toBe(0)
  release()
  await ready(page)
  await expect(cards(page)).toHaveCount(10)
  expect(errors).toEqual([])
})
