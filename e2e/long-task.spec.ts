import { expect, test } from '@playwright/test'
import { catalog, ready, trainRounds } from './helpers'

// Runs after every other spec, alone (the "quiet" project in playwright.config.ts): a long-task
// measurement taken while another worker trains on SwiftShader WebGL measures the machine's load,
// not the widget.
test('training causes no long task on the main thread', async ({ page }) => {
  const ids = (await catalog(page)).filter((p) => /christmas/i.test(p.title)).map((p) => p.id)
  await page.goto('/harness.html?backend=wasm&model=/shop-model/&shelves=for-you,trending')
  await ready(page)
  await page.evaluate(() => {
    const w = window as unknown as { __long: number[] }
    w.__long = []
    new PerformanceObserver((list) => { for (const e of list.getEntries()) w.__long.push(e.duration) }).observe({ type: 'longtask' })
  })
  // Three rounds: the worker chunk loads, the backend starts, and the model fine-tunes each time.
  await trainRounds(page, ids, 3)
  const long = await page.evaluate(() => (window as unknown as { __long: number[] }).__long)
  expect(long, 'main-thread tasks over 50 ms while training').toEqual([])
})
