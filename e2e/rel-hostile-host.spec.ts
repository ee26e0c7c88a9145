import { expect, test } from '@playwright/test'
import { exportedEvents, ready, waitForRender, watch } from './helpers'

// Promise 8 and defect 9: a host page that polluted Object.prototype, broke
// Array.prototype.includes and styles its text oddly; products whose ids are Object.prototype's
// own names. Each line of the init script below broke the widget before its fix: includes (idb's
// shortcut methods), the enumerable placement (every event's placement), the ids (a plain-object
// map of failed images), the inherited text layout (cards 1,300 px wide).
const IDS = ['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty']
const CATALOG = IDS.map((id, i) => ({ id, title: `Item ${id}`, price: 1 + i, image: '/img/cat/gift.svg', url: `/product.html?id=${i}` }))

test('a hostile host page does not break the widget', async ({ page }) => {
  const { errors } = await watch(page)
  await page.route('**/test-data/proto-ids.json', (route) => route.fulfill({ json: CATALOG }))
  await page.addInitScript(() => {
    ;(Object.prototype as Record<string, unknown>).placement = 'polluted'
    ;(Object.prototype as Record<string, unknown>).image = 'javascript:alert(1)'
    Array.prototype.includes = function () { return false }
    document.addEventListener('DOMContentLoaded', () => {
      const sheet = new CSSStyleSheet()
      sheet.replaceSync('body{white-space:pre;letter-spacing:40px;word-spacing:60px;text-indent:300px;text-transform:uppercase;line-height:5}')
      document.adoptedStyleSheets = [sheet]
    })
  })
  await page.goto('/harness.html?learn=false&catalog=/test-data/proto-ids.json&shelves=trending')
  await ready(page)
  const render = await waitForRender(page, 'trending')
  expect(render.items.sort()).toEqual([...IDS].sort())
  const acks = await page.evaluate(() => Promise.all([window.Localshelf!.track('view', 'constructor'), window.Localshelf!.track('view', '__proto__', {})]))
  await page.locator('local-shelf [part~="item"][data-item-id="valueOf"]').evaluate((el) => el.addEventListener('click', (e) => e.preventDefault()))
  await page.locator('local-shelf [part~="item"][data-item-id="valueOf"]').click()
  const events = (await exportedEvents(page)).filter((e) => e.type !== 'impression')
  const images = await page.locator('local-shelf img[part~="image"]').evaluateAll((els) => els.map((el) => [el.closest('[data-item-id]')!.getAttribute('data-item-id'), (el as HTMLImageElement).getAttribute('src')]))
  const widths = await page.locator('local-shelf li').evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().width)))
  const state = await page.evaluate(() => window.Localshelf!.state())
  console.log(`[hostile host] acks ${JSON.stringify(acks)}; events ${JSON.stringify(events.map((e) => [e.type, e.item, e.placement ?? null]))}; images ${images.length}/${IDS.length}; card widths ${widths.join(',')} px; backend error ${state.error ?? 'none'}`)
  // IndexedDB works (durable acks) although includes is broken.
  expect(acks).toEqual([true, true])
  expect(events.map((e) => [e.type, e.item, e.placement ?? null])).toEqual([['view', 'constructor', null], ['view', '__proto__', null], ['click', 'valueOf', 'trending']])
  // Every product shows its own image; the polluted `image` never reaches the DOM.
  expect(images.map(([id]) => id).sort()).toEqual([...IDS].sort())
  for (const [, src] of images) expect(src).toBe('/img/cat/gift.svg')
  // 10rem cards, whatever the host's text layout.
  for (const width of widths) expect(width).toBeLessThanOrEqual(170)
  expect(errors).toEqual([])
})
