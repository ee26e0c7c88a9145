import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { writeScaleData } from '../scripts/bench-scale.mjs'
import { ready, waitForRender, watch } from './helpers'

// Issue 9's memory budget, as structure rather than timing: a 100,000-product catalogue (the
// bench's, scripts/scale-catalog.mjs) through personalisation, then a forced GC and a heap snapshot
// of the page. The page must hold one item table (the item vectors), no per-product objects (the
// catalogue is kept as columns, src/core/catalog-table.ts) and under 40 MB in all. Before these
// changes the same page held 103 MB: 204,614 objects and 200,562 arrays (the Item rows and their
// tags), and four tables of at least 6.4 MB (item rows, item vectors, the dense features' two).
const COUNT = 100_000
const DIM = 32
const BUDGET_MB = 40

type Snapshot = { snapshot: { meta: { node_fields: string[]; node_types: [string[]] } }; nodes: number[]; strings: string[] }

/** How many of the snapshot's nodes have a type ("array") or a type and name ("object:Object"); the big backing stores. */
function census(snapshot: Snapshot) {
  const { node_fields: fields, node_types: [types] } = snapshot.snapshot.meta
  const [type, name, size] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f))
  const count = new Map<string, number>()
  const big: number[] = []
  for (let n = 0; n < snapshot.nodes.length; n += fields.length) {
    const key = `${types[snapshot.nodes[n + type]]}:${snapshot.strings[snapshot.nodes[n + name]]}`
    count.set(key, (count.get(key) ?? 0) + 1)
    count.set(types[snapshot.nodes[n + type]], (count.get(types[snapshot.nodes[n + type]]) ?? 0) + 1)
    if (key === 'native:system / JSArrayBufferData' && snapshot.nodes[n + size] >= COUNT * 16 * 4) big.push(snapshot.nodes[n + size])
  }
  return { count: (key: string) => count.get(key) ?? 0, big }
}

test('a 100,000-product catalogue: one item table on the page, no per-product objects, under 40 MB after personalisation', async ({ page, context }) => {
  test.setTimeout(240_000)
  const rows = writeScaleData(join(tmpdir(), `localshelf-e2e-${process.env.E2E_PORT ?? 5199}`), [COUNT]).get(COUNT)!
  const first = rows.find((r) => r.inStock)!
  const views = rows.filter((r) => r.inStock && r.category === first.category).slice(0, 4).map((r) => r.id)
  const { errors } = await watch(page)
  await page.goto(`/harness.html?backend=wasm&shelves=for-you,similar,trending&item=${views[0]}&catalog=/scale/catalog-${COUNT}.json&db=mem-${Date.now()}`)
  await ready(page)
  expect(await page.evaluate(() => window.Localshelf!.state().catalogSize)).toBe(COUNT)
  for (const id of views) await page.evaluate((item) => window.Localshelf!.track('view', item).then(() => new Promise((done) => setTimeout(done, 20))), id)
  await waitForRender(page, 'for-you', 'personal')

  const cdp = await context.newCDPSession(page)
  await cdp.send('HeapProfiler.collectGarbage')
  const heap = await cdp.send('Runtime.getHeapUsage') as { usedSize: number; backingStorageSize?: number }
  const mb = (heap.usedSize + (heap.backingStorageSize ?? 0)) / 1e6
  const chunks: string[] = []
  cdp.on('HeapProfiler.addHeapSnapshotChunk', (event) => chunks.push(event.chunk))
  await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false })
  const { count, big } = census(JSON.parse(chunks.join('')) as Snapshot)
  console.log(`[memory 100k] ${mb.toFixed(1)} MB (JS heap used + ArrayBuffers); objects ${count('object:Object')}, arrays ${count('array')}; backing stores of 6.4 MB or more: ${big.map((b) => (b / 1e6).toFixed(1)).join(', ')} MB`)

  // One table the size of the item vectors (items x dim floats), and no other of the dense features' size.
  expect(big).toEqual([COUNT * DIM * 4])
  // The catalogue as columns: not an object (nor an array of tags) per product.
  expect(count('object:Object')).toBeLessThan(COUNT / 5)
  expect(count('array')).toBeLessThan(COUNT / 5)
  expect(mb).toBeLessThan(BUDGET_MB)
  expect(errors).toEqual([])
})
