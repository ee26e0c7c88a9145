import { writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test, type Browser, type Page } from '@playwright/test'
import { watch } from './helpers'

// Issue 9: from the script's start to the engine's first shelves (three of them), no main-thread
// task over 50 ms at 1k, 10k and 100k products, on a first visit and for a returning shopper (whose content features come
// from IndexedDB). The harness page runs nothing but the widget, so every task on its main thread
// is the widget's. Each task is measured in CPU time (the trace's thread time): on a shared CI
// machine a 5 ms slice can wait 100 ms for a core, so the Long Tasks API's wall time measures the
// machine (it is logged beside). Runs in the "quiet-scale" project, after the "quiet" one (playwright.config.ts).
const WORDS = 'mug lamp chair linen oak blue red green wool cotton candle bowl plate vase rug throw pillow frame clock mirror basket shelf desk stool jar tray towel apron kettle teapot glass'.split(' ')
const CATEGORIES = ['kitchen', 'living', 'bedroom', 'bath', 'garden', 'office', 'decor', 'textiles']
const BUDGET_MS = 50

/** A seeded synthetic catalogue, written where e2e/server.mjs serves generated files (never the repository). */
function writeCatalog(count: number, seed = 9): string {
  let s = seed
  const random = () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32)
  const word = () => WORDS[Math.floor(random() * WORDS.length)]
  const rows = []
  for (let i = 0; i < count; i++) {
    rows.push({
      id: `p${i}`,
      title: `${word()} ${word()} ${word()} ${i % 997}`,
      description: `${word()} ${word()} ${word()} ${word()} ${word()} ${word()}`,
      category: CATEGORIES[Math.floor(random() * CATEGORIES.length)],
      price: Math.round(random() * 20000) / 100,
      tags: [word(), word()],
      url: `/product.html?id=p${i}`,
    })
  }
  const name = `scale-catalog-${count}.json`
  writeFileSync(join(tmpdir(), `localshelf-e2e-${process.env.E2E_PORT ?? 5199}`, name), JSON.stringify(rows))
  return '/' + name
}

type TraceEvent = { name: string; ph: string; pid: number; tid: number; dur?: number; tdur?: number; args?: { name?: string; beginData?: { url?: string } } }

/** Loads `url` and waits for the first filled shelf; returns when it painted and the main thread's tasks until then. */
async function firstShelf(browser: Browser, page: Page, url: string) {
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] })
  await page.goto(url)
  const painted = await page.waitForFunction(() => {
    // "similar": only the engine ranks it (a first visit's trending and for-you shelves paint
    // from the catalogue's rows before the engine has loaded), so this waits for the engine's start-up
    // and its first render of all three shelves, which used to share one task.
    const render = window.__renders.find((r) => r.placement === 'similar' && r.items.length > 0)
    return render ? performance.now() : false
  }, undefined, { timeout: 90_000, polling: 10 })
  const at = (await painted.jsonValue()) as number
  const trace = JSON.parse((await browser.stopTracing()).toString()) as { traceEvents: TraceEvent[] }
  // The page's own renderer only: the trace holds every renderer's main thread, Chromium's own
  // WebUI among them (its omnibox popup evaluates modules for 45-82 ms in one run of several).
  const renderer = trace.traceEvents.find((e) => e.name === 'ParseHTML' && e.args?.beginData?.url?.includes('/harness.html'))?.pid
  const main = new Set(trace.traceEvents.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain' && e.pid === renderer).map((e) => `${e.pid}:${e.tid}`))
  expect(main.size, 'the page\'s renderer main thread in the trace').toBe(1)
  const cpu = trace.traceEvents
    .filter((e) => e.ph === 'X' && e.name === 'RunTask' && main.has(`${e.pid}:${e.tid}`))
    .map((e) => (e.tdur ?? 0) / 1000)
    .sort((a, b) => b - a)
  const wall = await page.evaluate((until) => (window as unknown as { __long: { start: number; duration: number }[] }).__long.filter((t) => t.start < until).map((t) => t.duration), at)
  return { at, cpu, wall }
}

for (const count of [1_000, 10_000, 100_000]) {
  test(`${count.toLocaleString('en')} products: no main-thread task over ${BUDGET_MS} ms from script start to the first shelf, first visit and returning`, async ({ page, browser }) => {
    test.setTimeout(240_000)
    const catalog = writeCatalog(count)
    const { errors } = await watch(page)
    await page.addInitScript(() => {
      const w = window as unknown as { __long: { start: number; duration: number }[] }
      w.__long = []
      new PerformanceObserver((list) => { for (const e of list.getEntries()) w.__long.push({ start: e.startTime, duration: e.duration }) }).observe({ type: 'longtask', buffered: true })
    })
    const db = `scale-${count}-${Date.now()}`
    const url = `/harness.html?learn=false&catalog=${catalog}&shelves=for-you,similar,trending&item=p1&db=${db}`
    const first = await firstShelf(browser, page, url)
    await page.evaluate(() => window.Localshelf!.ready)
    expect(await page.evaluate(() => window.Localshelf!.state().catalogSize)).toBe(count)
    // The features were stored for the next page (consent is implied on this page).
    await expect.poll(() => page.evaluate((name) => new Promise<number>((resolve) => {
      const open = indexedDB.open(name)
      open.onsuccess = () => {
        const get = open.result.transaction('derived').objectStore('derived').get('features')
        get.onsuccess = () => resolve((get.result?.features.tokenIds.length ?? 0) / 16)
        get.onerror = () => resolve(-1)
      }
      open.onerror = () => resolve(-1)
    }), db)).toBe(count)
    // Returning: the shelf cache emptied, so the engine's own start paints, from the stored features.
    await page.evaluate(() => { localStorage.clear(); localStorage.setItem('localshelf:arm', 'model') })
    const again = await firstShelf(browser, page, url)
    const fmt = (r: typeof first) => `first shelf at ${r.at.toFixed(0)} ms, longest tasks (CPU) ${r.cpu.slice(0, 3).map((c) => c.toFixed(0)).join('/')} ms, long tasks (wall) [${r.wall.map((d) => d.toFixed(0)).join(', ')}]`
    console.log(`[scale ${count}] first visit: ${fmt(first)}\n[scale ${count}] returning: ${fmt(again)}`)
    expect(first.cpu.filter((ms) => ms > BUDGET_MS), 'main-thread tasks over budget (CPU ms), first visit').toEqual([])
    expect(again.cpu.filter((ms) => ms > BUDGET_MS), 'main-thread tasks over budget (CPU ms), returning shopper').toEqual([])
    expect(errors).toEqual([])
  })
}
