import { mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { watch } from './helpers'

// Issue 9 / 11: a first visit on a large catalogue paints a popularity shelf from the catalogue's
// first rows with the script tag's chunk alone, before the engine's chunk has even arrived (held
// back here for 2 s), and the engine's own ranking replaces it once ready. The catalogue is
// downloaded once: the engine reads the response the script tag asked for.
const COUNT = 6000 // about 1.6 MB of JSON: over the 1 MB from which the early shelf is used

function writeCatalog(): { url: string; rows: { id: string; popularity: number; inStock: boolean }[] } {
  let s = 11
  const random = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32)
  const rows = Array.from({ length: COUNT }, (_, i) => ({
    id: `p${i}`,
    title: `Product ${i} {with "braces" and \\ slashes}`,
    description: 'lorem ipsum dolor sit amet '.repeat(8),
    category: ['kitchen', 'garden', 'office'][i % 3],
    price: Math.round(random() * 10000) / 100,
    popularity: Math.floor(random() * 1000),
    inStock: i % 10 !== 3,
    url: `/product.html?id=p${i}`,
  }))
  const dir = join(tmpdir(), `localshelf-e2e-${process.env.E2E_PORT ?? 5199}`)
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'first-visit-catalog.json'), JSON.stringify(rows))
  return { url: '/first-visit-catalog.json', rows }
}

test('a first visit paints a popularity shelf from the catalogue\'s first rows before the engine\'s chunk has loaded', async ({ page }) => {
  const { url, rows } = writeCatalog()
  const { errors } = await watch(page)
  const requests: string[] = []
  page.on('request', (request) => requests.push(new URL(request.url()).pathname))
  let engineServedAt = Infinity
  await page.route('**/localshelf-engine.js', async (route) => {
    await new Promise((done) => setTimeout(done, 2000))
    const response = await route.fetch()
    engineServedAt = Date.now()
    await route.fulfill({ response })
  })
  await page.addInitScript(() => {
    const w = window as unknown as { __firstRender?: { at: number; scripts: string[] } }
    document.addEventListener('localshelf:render', (event) => {
      if (w.__firstRender || !(event as CustomEvent).detail.items.length) return
      // Which scripts had loaded when the first shelf painted.
      const scripts = performance.getEntriesByType('resource').filter((e) => /\.m?js$/.test(new URL(e.name).pathname)).map((e) => new URL(e.name).pathname)
      w.__firstRender = { at: Date.now(), scripts }
    })
  })
  await page.goto(`/harness.html?learn=false&catalog=${url}&shelves=trending,similar&item=p0&db=first-visit-${Date.now()}`)

  const first = (await (await page.waitForFunction(() => (window as unknown as { __firstRender?: { at: number; scripts: string[] } }).__firstRender)).jsonValue())!
  expect(first.at).toBeLessThan(engineServedAt)
  expect(first.scripts.filter((s) => s.includes('localshelf'))).toEqual(['/localshelf.js'])
  const early = await page.evaluate(() => window.__renders.filter((r) => r.items.length))
  // Only the trending shelf has a first-visit answer without the engine; "similar" waits, unrendered.
  expect(early.map((r) => [r.placement, r.source])).toEqual([['trending', 'popular']])
  const head = rows.slice(0, 48).filter((r) => r.inStock).sort((a, b) => b.popularity - a.popularity).map((r) => r.id)
  expect(early[0].items).toEqual(head.slice(0, early[0].items.length))

  // The engine's ranking replaces it: led by the whole catalogue's most popular product (compared
  // by popularity: equally popular products may come in either order; the shelf's diversity rule
  // orders the rest).
  await page.evaluate(() => window.Localshelf!.ready)
  const popularity = new Map(rows.map((r) => [r.id, r.popularity]))
  const best = Math.max(...rows.filter((r) => r.inStock).map((r) => r.popularity))
  await expect.poll(() => page.evaluate(() => window.__renders.filter((r) => r.placement === 'trending').length)).toBeGreaterThan(1)
  const ranked = await page.evaluate(() => window.__renders.filter((r) => r.placement === 'trending').pop()!.items)
  expect(popularity.get(ranked[0])).toBe(best)
  expect(ranked).not.toEqual(early[0].items)
  await expect.poll(() => page.evaluate(() => window.__renders.filter((r) => r.placement === 'similar' && r.items.length).length)).toBeGreaterThan(0)
  expect(await page.evaluate(() => window.Localshelf!.state().catalogSize)).toBe(COUNT)
  expect(requests.filter((path) => path === url)).toHaveLength(1)
  expect(errors).toEqual([])
})

test('the script tag asks for the catalogue and the shop model beside the engine\'s chunk, and each is downloaded once', async ({ page }) => {
  const { errors } = await watch(page)
  const requested: { path: string; at: number }[] = []
  page.on('request', (request) => requested.push({ path: new URL(request.url()).pathname, at: Date.now() }))
  let engineServedAt = Infinity
  await page.route('**/localshelf-engine.js', async (route) => {
    await new Promise((done) => setTimeout(done, 1000))
    const response = await route.fetch()
    engineServedAt = Date.now()
    await route.fulfill({ response })
  })
  await page.goto('/harness.html?learn=false&model=/shop-model/&shelves=trending')
  await page.waitForFunction(() => window.Localshelf !== undefined)
  await page.evaluate(() => window.Localshelf!.ready)
  expect(await page.evaluate(() => window.Localshelf!.state().modelSource)).toBe('shop')
  for (const path of ['/data/catalog.json', '/shop-model/model.json', '/shop-model/weights.bin']) {
    const requests = requested.filter((r) => r.path === path)
    expect(requests, path).toHaveLength(1)
    expect(requests[0].at, `${path} asked for before the engine's chunk arrived`).toBeLessThan(engineServedAt)
  }
  expect(errors).toEqual([])
})
