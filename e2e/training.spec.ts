import { expect, test } from '@playwright/test'
import { catalog, ready, trainRounds, watch } from './helpers'

// Training runs in the worker on each backend; tensors do not pile up from one round to the next.
for (const backend of ['wasm', 'webgl', 'cpu'] as const) {
  test(`fine-tunes in the worker on the ${backend} backend without leaking tensors`, async ({ page }) => {
    const { errors } = await watch(page)
    const ids = (await catalog(page)).filter((p) => /christmas/i.test(p.title)).map((p) => p.id)
    await page.goto(`/harness.html?backend=${backend}&shelves=for-you`)
    await ready(page)
    const states = await trainRounds(page, ids, 3)
    expect(states[0].backend).toBe(backend)
    expect(states[2].workerTensors).toBe(states[1].workerTensors)
    expect(states[2].error).toBeUndefined()
    const forYou = await page.evaluate(() => window.__renders.filter((r) => r.placement === 'for-you').pop())
    expect(forYou?.source).toBe('personal')
    expect(errors).toEqual([])
  })
}

test('picks the backend by capability: wasm when WebGL is a software renderer', async ({ page }) => {
  await page.goto('/harness.html')
  await ready(page)
  const ids = (await catalog(page)).slice(0, 3).map((p) => p.id)
  await trainRounds(page, ids, 1)
  const state = await page.evaluate(() => window.Localshelf!.state())
  if (/swiftshader|llvmpipe|software/i.test(state.backendReason)) expect(state.backend).toBe('wasm')
  else expect(['webgl', 'wasm']).toContain(state.backend)
  expect(state.backendReason.length).toBeGreaterThan(0)
})

test('one basket (five track() calls in one millisecond) trains nothing and the shelf does not claim to be personal', async ({ page }) => {
  await watch(page)
  const ids = (await catalog(page)).filter((p) => /christmas/i.test(p.title)).slice(0, 5).map((p) => p.id)
  await page.goto('/harness.html?backend=cpu&shelves=for-you')
  await ready(page)
  const before = await page.evaluate(() => window.Localshelf!.state().trainRounds)
  // The clock is held for the five calls, so they are one basket however loaded the machine is.
  await page.evaluate((list) => {
    const now = Date.now
    const t = now()
    Date.now = () => t
    try {
      for (const id of list) window.Localshelf!.track('view', id)
    } finally {
      Date.now = now
    }
  }, ids)
  // The worker has looked at the basket (it reports back) ...
  await page.waitForFunction((t) => window.Localshelf!.state().trainRounds > t, before)
  const state = await page.evaluate(() => window.Localshelf!.state())
  expect(state.trained).toBe(false)
  // ... and every for-you render since says where its order really came from.
  const sources = await page.evaluate(() => window.__renders.filter((r) => r.placement === 'for-you').map((r) => r.source))
  expect(sources).not.toContain('personal')
})
