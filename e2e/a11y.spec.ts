import { createRequire } from 'node:module'
import { readFileSync } from 'node:fs'
import { expect, test, type Page } from '@playwright/test'
import { catalog, ready, waitForRender, watch } from './helpers'

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8')

/** axe-core's violations on the page as it is, shadow roots included, as "rule: targets" lines. */
async function violations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol: the strict CSP of the demo pages forbids an inline script.
  await page.evaluate(axeSource)
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Array<{ id: string; nodes: Array<{ target: unknown }> }> }> } }).axe
    const result = await axe.run(document, { resultTypes: ['violations'] })
    return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(' ')}`)
  })
}

for (const scheme of ['light', 'dark'] as const) {
  test(`axe finds no violation on any demo page (${scheme})`, async ({ page }) => {
    test.setTimeout(120_000)
    await watch(page)
    await page.emulateMedia({ colorScheme: scheme })
    const products = await catalog(page)
    // A shopper with some history, so personal shelves, reasons, the cart and the panels have content.
    await page.goto(`/product.html?id=${encodeURIComponent(products[1].id)}`)
    await ready(page)
    await page.getByRole('button', { name: /add to cart/i }).click()
    await page.goto(`/product.html?id=${encodeURIComponent(products[2].id)}`)
    await ready(page)
    await waitForRender(page, 'recent')
    const pages: Array<[string, string[]]> = [
      ['/', ['for-you', 'need', 'trending']],
      [`/product.html?id=${encodeURIComponent(products[5].id)}`, ['similar', 'recent']],
      ['/cart.html', ['cart']],
      ['/privacy.html', []],
      ['/stats.html', []],
      ['/no-such-page', []],
    ]
    for (const [url, shelves] of pages) {
      await page.goto(url)
      if (shelves.length || url.includes('.html')) await ready(page) // the 404 page has no widget
      for (const placement of shelves) await waitForRender(page, placement)
      if (url.includes('privacy')) await expect(page.locator('local-shelf-privacy').getByRole('heading')).toBeVisible()
      if (url.includes('stats')) await expect(page.locator('local-shelf-stats').getByRole('heading')).toBeVisible()
      expect(await violations(page), `${url} (${scheme})`).toEqual([])
    }
  })
}

test('a shelf is one Tab stop; arrow keys move inside and Tab comes back to the last card', async ({ page }) => {
  await watch(page)
  await page.goto('/')
  await ready(page)
  const render = await waitForRender(page, 'for-you')
  const active = () => page.evaluate(() => {
    let el = document.activeElement
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement
    const host = (el?.getRootNode() as ShadowRoot).host as HTMLElement | undefined
    return { id: el?.getAttribute('data-item-id') ?? null, placement: host?.getAttribute('placement') ?? null, tag: el?.localName }
  })
  // From the hero's link, Tab reaches the first for-you card...
  await page.getByRole('link', { name: /see, export or erase/i }).focus()
  await page.keyboard.press('Tab')
  expect(await active()).toMatchObject({ id: render.items[0], placement: 'for-you' })
  await page.keyboard.press('ArrowRight')
  await page.keyboard.press('ArrowRight')
  expect((await active()).id).toBe(render.items[2])
  await page.keyboard.press('End')
  expect((await active()).id).toBe(render.items[render.items.length - 1])
  await page.keyboard.press('Home')
  await page.keyboard.press('ArrowRight')
  // ...one more Tab leaves the shelf (to the need box), and Shift+Tab returns to the card last used.
  await page.keyboard.press('Tab')
  expect(await active()).toMatchObject({ placement: 'need', tag: 'input' })
  await page.keyboard.press('Shift+Tab')
  expect(await active()).toMatchObject({ id: render.items[1], placement: 'for-you' })
})
