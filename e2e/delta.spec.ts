import { expect, test } from '@playwright/test'
import { ready, tapWorkers, watch } from './helpers'

// Issue 9, updates as deltas: a training round posts only the rows it changed (structural, not a
// timing check), the page ranks exactly as it would from the saved model, and the saved rows load.
const N = 20_000
const words = 'red blue green heart star wooden glass ceramic vintage candle mug bag box card lamp clock frame cushion garden kitchen'.split(' ')
const big = Array.from({ length: N }, (_, i) => ({ id: `p${i}`, title: `${words[i % 20]} ${words[(i * 7) % 20]} ${words[(i * 13) % 20]} item ${i % 997}`, price: (i % 50) + 0.5 }))

interface Trained { steps: number; keys: string[]; rows: number; embValues: number; dim: number; ids: number }
declare global {
  interface Window { __trained: Trained[] }
}

test('a round after one view carries only its changed rows; the page ranks as it would from the saved model, and a later page appends to the saved log', async ({ page }) => {
  test.setTimeout(120_000)
  const { errors } = await watch(page)
  await page.route('**/big/catalog.json', (route) => route.fulfill({ json: big }))
  await tapWorkers(page)
  await page.addInitScript(() => {
    // Records the shape of every 'trained' message the page receives from the training worker.
    window.__trained = []
    window.__workerTaps.received.push((m) => {
      if (m.kind !== 'trained') return
      const d = m.delta as { rows: Int32Array; itemEmb: Float32Array; dim: number; ids: string[] } | undefined
      window.__trained.push({ steps: m.steps as number, keys: Object.keys(m), rows: d?.rows.length ?? -1, embValues: d?.itemEmb.length ?? -1, dim: d?.dim ?? 0, ids: d?.ids.length ?? -1 })
    })
  })
  const url = '/harness.html?backend=wasm&shelves=for-you&catalog=/big/catalog.json&db=delta'
  await page.goto(url)
  await ready(page)
  // Two views a moment apart: the second is the first next-item example, so one round learns.
  for (const id of ['p7', 'p1234']) {
    await page.evaluate((item) => window.Localshelf!.track('view', item), id)
    await page.waitForTimeout(20)
  }
  await page.waitForFunction(() => window.__trained.some((t) => t.steps > 0), null, { timeout: 90_000 })
  const trained = await page.evaluate(() => window.__trained)
  const round = trained.find((t) => t.steps > 0)!
  console.log(`[delta] ${round.rows} of ${N} rows in the round's message`)
  expect(round.keys).not.toContain('weights')
  expect(round.rows).toBeGreaterThan(1)
  // 8 steps x (64 negatives + a batch's items): at most ~600 rows, whatever the catalogue.
  expect(round.rows).toBeLessThan(N / 20)
  expect(round.ids).toBe(round.rows)
  expect(round.embValues).toBe(round.rows * round.dim)

  const state = await page.evaluate(() => window.Localshelf!.state())
  expect(state.trained).toBe(true)
  const shelf = () => page.evaluate(() => window.Localshelf!.recommend({ placement: 'for-you', limit: 20 }).items.map((i) => i.id))
  const patched = await shelf()
  // A new page of the same shop loads the saved rows: the same order as the patched tables gave.
  await page.reload()
  await ready(page)
  expect(await page.evaluate(() => window.Localshelf!.state().trained)).toBe(true)
  expect(await shelf()).toEqual(patched)

  // This page's worker starts from the saved rows: its round appends to the saved log instead of
  // rewriting the model, and a further reload still ranks as the patched tables do.
  const seen = await page.evaluate(() => window.__trained.length)
  await page.evaluate(() => window.Localshelf!.track('view', 'p99'))
  await page.waitForFunction((n) => window.__trained.slice(n).some((t) => t.steps > 0), seen, { timeout: 90_000 })
  const patchedAgain = await shelf()
  const stored = await page.evaluate(() => new Promise<{ keys: string[]; round: number }>((resolve, reject) => {
    const open = indexedDB.open('delta')
    open.onerror = () => reject(open.error)
    open.onsuccess = () => {
      const store = open.result.transaction('model').objectStore('model')
      const keys = store.getAllKeys()
      const header = store.get('current')
      keys.onsuccess = () => header.onsuccess = () => resolve({ keys: keys.result.map(String), round: header.result.data.round })
    }
  }))
  expect(stored.round).toBe(2)
  expect(stored.keys.filter((k) => k.startsWith('current:log:'))).toEqual(['current:log:000000000002'])
  expect(stored.keys.filter((k) => k.startsWith('current:rows:'))).toHaveLength(Math.ceil(N / 1024))
  await page.reload()
  await ready(page)
  expect(await shelf()).toEqual(patchedAgain)
  expect(errors).toEqual([])
})
