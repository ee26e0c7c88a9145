import { expect, test } from '@playwright/test'
import { catalog, exportedEvents, ready, waitForRender, watch } from './helpers'

// The end-to-end scenario on the built demo shop, as a shopper would go through it.
test('for-you learns a theme from three product views, keeps it over a reload, and forgets it on erase', async ({ page, baseURL }) => {
  const { errors, foreign } = await watch(page)
  const products = await catalog(page)
  const isTheme = (id: string) => /christmas/i.test(products.find((p) => p.id === id)?.title ?? '')
  const theme = products.filter((p) => isTheme(p.id))
  expect(theme.length).toBeGreaterThan(20)
  // Three different kinds of Christmas products, not three colours of one.
  const viewed = [theme[0], theme[Math.floor(theme.length / 2)], theme[theme.length - 1]]

  await page.goto('/')
  await ready(page)
  const cold = await waitForRender(page, 'for-you')
  expect(cold.source).toBe('popular')
  expect(cold.items.length).toBeGreaterThan(0)

  for (const product of viewed) {
    await page.goto(`/product.html?id=${encodeURIComponent(product.id)}`)
    await ready(page)
    const similar = await waitForRender(page, 'similar')
    expect(similar.items).not.toContain(product.id)
    expect(similar.items.length).toBeGreaterThan(0)
  }

  await page.goto('/')
  await ready(page)
  // The home page may first paint from weights trained on only some of the views (training runs
  // in the background, later on a loaded machine); the shelf re-renders as each update lands, and
  // must end up on the theme.
  let top5: string[] = []
  try {
    await expect
      .poll(async () => {
        top5 = (await waitForRender(page, 'for-you', 'personal')).items.slice(0, 5)
        return top5.filter(isTheme).length
      }, { timeout: 30_000 })
      .toBeGreaterThanOrEqual(3)
  } catch (error) {
    // What the shelf showed and what the widget had stored, so a failure says which side slipped.
    const title = (id: string) => products.find((p) => p.id === id)?.title
    const stored = (await exportedEvents(page)).filter((e) => e.type !== 'impression').map((e) => `${e.type} ${title(e.item)}`)
    const state = await page.evaluate(() => window.Localshelf!.state())
    throw new Error(`the for-you shelf did not turn to the theme of the three views: top 5 ${top5.map(title).join(' | ')}; stored ${stored.join(', ')}; state ${JSON.stringify(state)}`, { cause: error })
  }
  const personal = await waitForRender(page, 'for-you', 'personal')
  expect(personal.items.slice(0, 5).filter(isTheme).length, `top 5: ${top5.map((id) => products.find((p) => p.id === id)?.title).join(' | ')}`).toBeGreaterThanOrEqual(3)
  for (const product of viewed) expect(personal.items).not.toContain(product.id)
  const state = await page.evaluate(() => window.Localshelf!.state())
  expect(state.trained).toBe(true)
  expect(state.eventsStored).toBeGreaterThanOrEqual(3)

  // A returning shopper is personalised at first paint, before the ML chunk loads.
  await page.reload()
  await ready(page)
  const first = await waitForRender(page, 'for-you')
  const firstRenders = await page.evaluate(() => window.__renders.filter((r) => r.placement === 'for-you'))
  expect(firstRenders[0].source).toBe('personal')
  expect(first.items.slice(0, 5).filter(isTheme).length).toBeGreaterThanOrEqual(3)

  await page.evaluate(() => window.Localshelf!.erase())
  const erased = await waitForRender(page, 'for-you', 'popular')
  expect(erased.items.length).toBeGreaterThan(0)
  expect((await page.evaluate(() => window.Localshelf!.state())).trained).toBe(false)
  // Only the impressions of the shelves re-rendered after the erase are left.
  expect((await exportedEvents(page)).filter((e) => e.type !== 'impression')).toEqual([])
  await page.reload()
  await ready(page)
  expect((await waitForRender(page, 'for-you')).source).toBe('popular')

  expect(foreign, `requests to other origins than ${baseURL}`).toEqual([])
  expect(errors).toEqual([])
  expect(await page.evaluate(() => window.__cspViolations)).toEqual([])
})

test('cart and purchase are recorded and a bought product leaves the shelves', async ({ page }) => {
  const { errors } = await watch(page)
  const products = await catalog(page)
  const product = products[5]
  await page.goto(`/product.html?id=${encodeURIComponent(product.id)}`)
  await ready(page)
  await page.getByRole('button', { name: /add to cart/i }).click()
  await page.goto('/cart.html')
  await ready(page)
  await page.getByRole('button', { name: /buy/i }).click()
  await expect.poll(async () => (await exportedEvents(page)).map((e) => e.type)).toEqual(
    expect.arrayContaining(['view', 'cart', 'purchase']),
  )
  await page.goto('/')
  await ready(page)
  const trending = await waitForRender(page, 'trending')
  expect(trending.items).not.toContain(product.id)
  expect(errors).toEqual([])
})
