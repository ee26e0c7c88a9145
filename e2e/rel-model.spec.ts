import { expect, test } from '@playwright/test'
import { catalog, ready, trainRounds, watch } from './helpers'

// Promise 5 (part): the worker's tensor count stays flat over 20 rounds of training.
test('the worker’s tensor count stays flat over 20 rounds of training', async ({ page }) => {
  test.setTimeout(180_000)
  const { errors } = await watch(page)
  const ids = (await catalog(page)).map((p) => p.id)
  await page.goto('/harness.html?backend=wasm&shelves=for-you')
  await ready(page)
  const states = await trainRounds(page, ids, 20)
  const counts = states.map((s) => s.workerTensors)
  console.log(`[tensors] worker tensors per round: ${counts.join(',')}`)
  expect(new Set(counts.slice(1)).size).toBe(1)
  expect(errors).toEqual([])
})
