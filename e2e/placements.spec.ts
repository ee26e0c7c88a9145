import { expect, test, type Page } from '@playwright/test'
import { catalog, exportedEvents, exportedImpressions, ready, waitForRender, watch } from './helpers'

const shelf = (page: Page, placement: string) => page.locator(`local-shelf[placement="${placement}"]`)
const reasons = (page: Page, placement: string) => shelf(page, placement).locator('[part~="reason"]').allTextContents()

test('a new shopper sees a for-you sampler unlike trending, both explained as popular', async ({ page }) => {
  const { errors } = await watch(page)
  await page.goto('/')
  await ready(page)
  const forYou = await waitForRender(page, 'for-you')
  const trending = await waitForRender(page, 'trending')
  expect(forYou.source).toBe('popular')
  expect(forYou.items).toHaveLength(10)
  expect(forYou.items).not.toEqual(trending.items)
  expect(forYou.items.filter((id) => trending.items.includes(id)).length).toBeLessThan(6)
  const products = await catalog(page)
  const categories = new Set(forYou.items.map((id) => (products.find((p) => p.id === id) as { category?: string }).category))
  expect(categories.size).toBeGreaterThanOrEqual(8)
  expect(new Set(await reasons(page, 'for-you'))).toEqual(new Set(['Popular this week']))
  expect(errors).toEqual([])
})

test('the need box finds products despite a typo, offline, and records the query', async ({ page, context }) => {
  const { errors, foreign } = await watch(page)
  // learn=false: offline, the worker could not load; the matching itself needs nothing from the network.
  await page.goto('/harness.html?learn=false&shelves=need')
  await ready(page)
  await waitForRender(page, 'need')
  // Everything after the page and chunks have loaded runs on the device: no network needed.
  await page.evaluate(() => window.Localshelf!.getStats()) // the lazy chunk is fetched once
  await context.setOffline(true)
  const box = shelf(page, 'need').getByRole('searchbox', { name: /tell us what you need/i })
  await box.fill('candel red')
  await box.press('Enter')
  await expect.poll(async () => (await waitForRender(page, 'need')).items[0]).toBe('21121')
  // Content before the query event, then blended with the profile it starts (personal).
  expect(['content', 'personal']).toContain((await waitForRender(page, 'need')).source)
  expect((await reasons(page, 'need'))[0]).toBe('Matches “candel red”')
  await expect.poll(async () => (await exportedEvents(page)).filter((e) => e.type === 'query').map((e) => e.item)).toEqual(['21121'])
  await context.setOffline(false)
  expect(foreign).toEqual([])
  // Offline, the new cards' pictures cannot load (the shop's files); the widget itself reports nothing.
  expect(errors.filter((e) => !e.includes('ERR_INTERNET_DISCONNECTED'))).toEqual([])
})

test('product page: recently viewed, newest first, without the product on the page', async ({ page }) => {
  const { errors } = await watch(page)
  const products = await catalog(page)
  const [a, b, c] = [products[10], products[20], products[30]]
  for (const p of [a, b, a, c]) {
    await page.goto(`/product.html?id=${encodeURIComponent(p.id)}`)
    await ready(page)
    await waitForRender(page, 'similar')
  }
  // The last page's shelf may first render before the previous page's journaled view is replayed.
  await expect.poll(async () => (await waitForRender(page, 'recent')).items).toEqual([a.id, b.id])
  expect((await waitForRender(page, 'recent')).source).toBe('personal')
  expect(errors).toEqual([])
})

test('the first product view hides the recently viewed shelf (fallback="none")', async ({ page }) => {
  await watch(page)
  const products = await catalog(page)
  await page.goto(`/product.html?id=${encodeURIComponent(products[3].id)}`)
  await ready(page)
  const recent = await waitForRender(page, 'recent')
  expect(recent.items).toEqual([])
  await expect(shelf(page, 'recent')).toBeHidden()
})

test('cart page: complements of the cart, never a cart item, each saying which cart item it goes with', async ({ page }) => {
  const { errors } = await watch(page)
  const products = await catalog(page)
  const inCart = products.find((p) => /tea/i.test(p.title)) ?? products[0]
  await page.goto(`/product.html?id=${encodeURIComponent(inCart.id)}`)
  await ready(page)
  await page.getByRole('button', { name: /add to cart/i }).click()
  await page.goto('/cart.html')
  await ready(page)
  const render = await waitForRender(page, 'cart')
  expect(render.items.length).toBe(10)
  expect(render.items).not.toContain(inCart.id)
  expect(new Set(await reasons(page, 'cart'))).toEqual(new Set([`Goes with ${inCart.title} in your cart`]))
  // Removing it empties the cart: the shelf falls back to popular picks.
  await page.getByRole('button', { name: new RegExp(`remove ${inCart.title}`, 'i') }).click()
  await expect.poll(async () => (await waitForRender(page, 'cart')).source).toBe('popular')
  expect((await exportedEvents(page)).map((e) => e.type)).toContain('remove')
  expect(errors).toEqual([])
})

test('a shop that keeps the cart itself passes its items: complements of those, never one of them, nothing recorded', async ({ page }) => {
  const { errors } = await watch(page)
  const products = await catalog(page)
  const cart = [products.find((p) => /tea/i.test(p.title)) ?? products[0], products.find((p) => /candle/i.test(p.title)) ?? products[1]]
  await page.goto('/harness.html?shelves=cart&learn=false')
  await ready(page)
  // An empty log: without the attribute the cart shelf has no cart and shows popular picks.
  expect((await waitForRender(page, 'cart')).source).toBe('popular')
  await shelf(page, 'cart').evaluate((el, ids) => el.setAttribute('items', ids), cart.map((p) => p.id).join(','))
  await expect.poll(async () => (await waitForRender(page, 'cart')).source).not.toBe('popular')
  const render = await waitForRender(page, 'cart')
  expect(render.items.length).toBeGreaterThan(0)
  for (const item of cart) expect(render.items).not.toContain(item.id)
  const said = new Set(await reasons(page, 'cart'))
  expect([...said].every((r) => cart.some((item) => r === `Goes with ${item.title} in your cart`))).toBe(true)
  // The shop's cart is an input, not the shopper's events: nothing was recorded.
  expect(await exportedEvents(page)).toEqual([])
  expect(errors).toEqual([])
})

test('for-you explains personal picks with the verb of what the shopper did', async ({ page }) => {
  await watch(page)
  const products = await catalog(page)
  await page.goto('/harness.html?learn=false&shelves=for-you')
  await ready(page)
  await page.evaluate(([viewed, bought]) => {
    window.Localshelf!.track('view', viewed)
    window.Localshelf!.track('purchase', bought)
  }, [products[40].id, products[41].id])
  await expect.poll(async () => (await waitForRender(page, 'for-you')).source).toBe('content')
  const lines = await shelf(page, 'for-you').locator('[part~="reason"]').allTextContents()
  expect(lines).toHaveLength(10)
  for (const line of lines) expect([`Because you viewed ${products[40].title}`, `Because you bought ${products[41].title}`]).toContain(line)
})

test('an item <template> inside the element renders the catalog row\'s own fields as text', async ({ page }) => {
  const { errors } = await watch(page)
  await page.goto('/harness.html?learn=false&template=1&catalog=/test-data/hostile.json&shelves=trending')
  await ready(page)
  const render = await waitForRender(page, 'trending')
  const shelf = page.locator('local-shelf')
  await expect(shelf.locator('[part~="item"] strong')).toHaveCount(render.items.length)
  const ok = shelf.locator('[data-item-id="ok-1"]')
  await expect(ok.locator('[data-field="title"]')).not.toBeEmpty()
  // Markup in a field stays text.
  await expect(shelf.getByText('<img src=x onerror=alert(3)>')).toBeVisible()
  const srcs = await shelf.locator('img').evaluateAll((els) => els.map((el) => el.getAttribute('src')))
  for (const src of srcs) expect(src ?? '').not.toMatch(/^\s*(javascript|data):/i)
  expect(errors).toEqual([])
})

test('a template shows extra catalog fields such as brand and a formatted price', async ({ page }) => {
  await watch(page)
  await page.route('**/test-data/branded.json', (route) => route.fulfill({ json: [
    { id: 'b1', title: 'Tea cup', brand: 'Acme', category: 'Kitchen', price: 3.5, currency: 'GBP' },
    { id: 'b2', title: 'Saucer', brand: 'Bolt', category: 'Kitchen', price: 2 },
  ] }))
  await page.goto('/harness.html?learn=false&template=1&catalog=/test-data/branded.json&shelves=trending')
  await ready(page)
  await waitForRender(page, 'trending')
  const card = page.locator('local-shelf [data-item-id="b1"]')
  await expect(card.locator('[data-field="brand"]')).toHaveText('Acme')
  await expect(card.locator('[data-field="category"]')).toHaveText('Kitchen')
  await expect(card.locator('[data-field="price"]')).toHaveText('£3.50')
})

test('the first query on the demo home page is recorded once its matches arrive', async ({ page }) => {
  const { errors } = await watch(page)
  await page.goto('/')
  await ready(page)
  await waitForRender(page, 'need')
  const box = shelf(page, 'need').getByRole('searchbox', { name: /tell us what you need/i })
  await box.fill('heart holder')
  await box.press('Enter')
  await expect.poll(async () => (await waitForRender(page, 'need')).source).not.toBe('popular')
  await expect.poll(async () => (await exportedEvents(page)).filter((e) => e.type === 'query').length).toBe(1)
  expect(errors).toEqual([])
})

test('impressions count cards half visible for a second, once per page view, despite re-ranks', async ({ page }) => {
  await watch(page)
  await page.goto('/harness.html?learn=false&shelves=trending')
  await ready(page)
  const render = await waitForRender(page, 'trending')
  // Re-ranks every 200 ms (each track() notifies the shelves) must not restart the second.
  await page.evaluate(() => { let n = 0; const t = setInterval(() => { window.Localshelf!.track('custom-ping', '22423'); if (++n > 10) clearInterval(t) }, 200) })
  await page.waitForTimeout(2500)
  const impressions = await exportedImpressions(page)
  expect(impressions.length).toBeGreaterThan(0)
  expect(impressions.every((r) => r.count === 1 && r.placement === 'trending')).toBe(true) // once each
  expect(new Set(impressions.map((e) => e.item)).size).toBe(impressions.length)
  for (const e of impressions) expect(render.items).toContain(e.item)
  // Cards scrolled out of the list's view are not counted.
  const visible = await page.locator('local-shelf [part~="item"]').evaluateAll((els) => els.filter((el) => {
    const r = el.getBoundingClientRect()
    const list = el.closest('ul')!.getBoundingClientRect()
    return Math.min(r.right, list.right) - Math.max(r.left, list.left) >= r.width / 2 && r.bottom <= innerHeight
  }).map((el) => el.getAttribute('data-item-id')))
  expect(impressions.map((e) => e.item).sort()).toEqual([...visible].sort())
})
