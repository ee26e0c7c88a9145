import { readFileSync } from 'node:fs'
import { expect, test, type Page } from '@playwright/test'
import { catalog, exportedEvents, exportedImpressions, ready, waitForRender, watch } from './helpers'

/** Records per object store of an IndexedDB database; {} when the database does not exist. */
async function stored(page: Page, name = 'localshelf'): Promise<Record<string, number>> {
  return page.evaluate(async (dbName) => {
    if (!(await indexedDB.databases()).some((d) => d.name === dbName)) return {}
    return new Promise<Record<string, number>>((resolve, reject) => {
      const request = indexedDB.open(dbName)
      request.onerror = () => reject(request.error)
      request.onsuccess = () => {
        const db = request.result
        const names = [...db.objectStoreNames]
        const tx = db.transaction(names)
        const out: Record<string, number> = {}
        let left = names.length
        for (const n of names) {
          const count = tx.objectStore(n).count()
          count.onsuccess = () => {
            out[n] = count.result
            if (--left === 0) { db.close(); resolve(out) }
          }
        }
      }
    })
  }, name)
}
/** The names of the page origin's IndexedDB databases. */
const databases = (page: Page) => page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name))
const nothing = (counts: Record<string, number>) => Object.values(counts).every((n) => n === 0)
// Keys the widget writes (the tests' own arm override, set by watch(), is not one of them).
const ours = (page: Page) => page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('localshelf') && k !== 'localshelf:arm'))

test('with data-consent="required" nothing is stored and only trending shows until consent(true); consent(false) erases', async ({ page }) => {
  const { errors } = await watch(page)
  const products = await catalog(page)
  await page.goto('/harness.html?learn=false&consent=required&shelves=for-you,trending')
  await ready(page)
  const trending = await waitForRender(page, 'trending')
  const forYou = await waitForRender(page, 'for-you')
  expect(forYou.items).toEqual(trending.items)
  const refused = await page.evaluate((id) => Promise.all([window.Localshelf!.track('view', id), window.Localshelf!.track('cart', id)]), products[7].id)
  expect(refused).toEqual([false, false])
  await page.waitForTimeout(1500) // past the log's batching and the impression delay
  // Not even an empty database: its existence alone would say the shopper visited.
  expect(await databases(page)).toEqual([])
  expect(await ours(page)).toEqual([])
  expect(await exportedEvents(page)).toEqual([])
  expect(await databases(page)).toEqual([]) // exporting (and the privacy summary) reads, never creates

  await page.evaluate(() => window.Localshelf!.consent(true))
  expect(await databases(page)).toEqual(['localshelf'])
  expect(await page.evaluate((id) => window.Localshelf!.track('view', id), products[8].id)).toBe(true)
  await expect.poll(async () => (await exportedEvents(page)).filter((e) => e.type === 'view').map((e) => e.item)).toEqual([products[8].id])
  await expect.poll(async () => (await waitForRender(page, 'for-you')).source).toBe('content')
  // The consent is remembered over a reload.
  await page.reload()
  await ready(page)
  expect((await waitForRender(page, 'for-you')).source).toBe('content')

  await page.evaluate(() => window.Localshelf!.consent(false))
  await expect.poll(async () => nothing(await stored(page))).toBe(true)
  expect(await ours(page)).toEqual([])
  await expect.poll(async () => (await waitForRender(page, 'for-you')).items).toEqual(trending.items)
  expect(errors).toEqual([])
})

test('Global Privacy Control counts as "consent required" when the shop opts in', async ({ page }) => {
  await watch(page)
  await page.addInitScript(() => Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true }))
  await page.goto('/harness.html?learn=false&gpc=honor&shelves=trending')
  await ready(page)
  await page.evaluate(() => window.Localshelf!.track('view', '22423'))
  await page.waitForTimeout(600)
  expect(await databases(page)).toEqual([])
})

test('the privacy panel tells what is stored, exports it, pauses learning and erases after a confirmation', async ({ page }) => {
  const { errors } = await watch(page)
  const products = await catalog(page)
  // Two products, so there is a next item to learn from (one item alone trains nothing).
  await page.goto(`/product.html?id=${encodeURIComponent(products[11].id)}`)
  await ready(page)
  await page.goto(`/product.html?id=${encodeURIComponent(products[12].id)}`)
  await ready(page)
  await page.getByRole('button', { name: /add to cart/i }).click()
  await page.goto('/privacy.html')
  await ready(page)
  const panel = page.locator('local-shelf-privacy')
  await expect(panel.getByText('2 viewed, 1 added to cart')).toBeVisible()
  await expect(panel.getByText(products[12].title + ' (added to cart)')).toBeVisible()
  // The model line waits for the background fine-tune; it never claims one before it happened.
  await expect(panel.getByText(/fine-tuned on this device \((webgl|wasm|cpu)\)/)).toBeVisible({ timeout: 60_000 })

  const download = page.waitForEvent('download')
  await panel.getByRole('button', { name: 'Export my data' }).click()
  const file = JSON.parse(readFileSync(await (await download).path(), 'utf8'))
  expect(file.events.map((e: { type: string }) => e.type)).toEqual(expect.arrayContaining(['view', 'cart']))

  await panel.getByRole('button', { name: 'Pause learning' }).click()
  await expect(panel.getByText(/paused: nothing new is recorded/)).toBeVisible()
  await page.evaluate((id) => window.Localshelf!.track('view', id), products[13].id)
  await page.waitForTimeout(600)
  expect((await exportedEvents(page)).map((e) => e.item)).not.toContain(products[13].id)
  await panel.getByRole('button', { name: 'Resume learning' }).click()
  await expect(panel.getByText('Learning').locator('xpath=following-sibling::dd[1]')).toHaveText('on')

  await panel.getByRole('button', { name: 'Erase everything' }).click()
  await expect(panel.getByText(/cannot be undone/)).toBeVisible()
  expect(nothing(await stored(page))).toBe(false) // nothing is erased before the confirmation
  await panel.getByRole('button', { name: 'Yes, erase' }).click()
  await expect(panel.getByRole('status')).toHaveText(/Erased/)
  await expect.poll(async () => JSON.stringify(await stored(page))).toBe(JSON.stringify({ derived: 0, events: 0, impressions: 0, meta: 0, model: 0 }))
  await expect(panel.getByText(/not personalised yet/)).toBeVisible()
  expect(await ours(page)).toEqual([])
  expect(errors).toEqual([])
})

test('a shelf click, an add to cart and a purchase show up in the stats, in the device arm', async ({ page }) => {
  const { errors } = await watch(page)
  const products = await catalog(page)
  await page.goto('/')
  await ready(page)
  const arm = await page.evaluate(() => window.Localshelf!.arm())
  const trending = await waitForRender(page, 'trending')
  const shelf = page.locator('local-shelf[placement="trending"]')
  await shelf.scrollIntoViewIfNeeded()
  await expect.poll(async () => (await exportedImpressions(page)).filter((r) => r.placement === 'trending').length).toBeGreaterThan(0)
  await shelf.locator('[part~="item"]').first().click()
  await page.waitForURL(/product\.html/)
  await ready(page)
  await page.getByRole('button', { name: /add to cart/i }).click()
  await page.goto('/cart.html')
  await ready(page)
  await page.getByRole('button', { name: /^buy$/i }).click()
  await expect(page.getByRole('heading', { name: /thank you/i })).toBeVisible()
  const stats = await page.evaluate(() => window.Localshelf!.getStats())
  const row = stats.find((s) => s.placement === 'trending')!
  const price = products.find((p) => p.id === trending.items[0]) as unknown as { price: number }
  expect(row).toMatchObject({ arm, clicks: 1, carts: 1, purchases: 1, revenue: price.price })
  expect(row.impressions).toBeGreaterThan(0)
  expect(row.ctr.low).toBeLessThanOrEqual(row.ctr.value)
  await page.goto('/stats.html')
  await ready(page)
  const cells = page.locator(`local-shelf-stats tr[data-arm="${arm}"][data-placement="trending"] td`)
  await expect(cells.nth(3)).toHaveText('1')
  await expect(cells.nth(5)).toHaveText(/^1 · /)
  await expect(cells.nth(6)).toHaveText(/^1 · /)
  await expect(page.locator('local-shelf-stats svg[role="img"] rect')).not.toHaveCount(0)
  expect(errors).toEqual([])
})

test('the holdout arm gets popularity and content shelves, and its clicks are counted apart', async ({ page }) => {
  await watch(page)
  const products = await catalog(page)
  const theme = products.filter((p) => /christmas/i.test(p.title)).slice(0, 3).map((p) => p.id)
  const shelvesAfterViews = async (arm: string, db: string) => {
    await page.goto(`/harness.html?learn=false&arm=${arm}${db ? `&db=${db}` : ''}&shelves=for-you`)
    await ready(page)
    await waitForRender(page, 'for-you')
    expect(await page.evaluate(() => window.Localshelf!.arm())).toBe(arm)
    await page.evaluate((ids) => ids.forEach((id) => window.Localshelf!.track('view', id)), theme)
    await page.waitForTimeout(300)
    return waitForRender(page, 'for-you')
  }
  const holdout = await shelvesAfterViews('holdout', '')
  expect(holdout.source).toBe('popular')
  // The click is stored before the card's link navigates; the product page reads the same log.
  await page.locator('local-shelf [part~="item"]').first().click()
  await page.waitForURL(/product\.html/)
  await ready(page)
  const clicks = (await exportedEvents(page)).filter((e) => e.type === 'click') as Array<{ props?: { arm?: string } }>
  expect(clicks.map((c) => c.props?.arm)).toEqual(['holdout'])
  const model = await shelvesAfterViews('model', 'arm-model')
  expect(model.source).toBe('content')
  expect(model.items).not.toEqual(holdout.items)
})
