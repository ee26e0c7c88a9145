import { expect, test, type Page } from '@playwright/test'
import { catalog, ready, watch } from './helpers'

type InFrame = { placement: string; frame: number }

/** Counts animation frames and notes the frame of every render event. */
async function countFrames(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __frame: number; __inFrame: InFrame[] }
    w.__frame = 0
    w.__inFrame = []
    const count = () => {
      w.__frame++
      requestAnimationFrame(count)
    }
    requestAnimationFrame(count)
    document.addEventListener('localshelf:render', (event) => w.__inFrame.push({ placement: (event as CustomEvent).detail.placement, frame: w.__frame }))
  })
}
const rendered = (page: Page) => page.evaluate(() => (window as unknown as { __inFrame: InFrame[] }).__inFrame)

// src/ui/turn.ts in a real page: the shelves' first renders when the engine is ready, and their
// re-renders after a view, each come in an animation frame of their own (two 20-40 ms renders in
// one frame make a long animation frame, however many tasks they are split into), once each.
test('each shelf renders in a frame of its own: on the engine\'s arrival and after a view', async ({ page }) => {
  const { errors } = await watch(page)
  await countFrames(page)
  // A first visit to a small catalogue: no early shelf, so all three wait for the engine.
  await page.goto('/harness.html?learn=false&shelves=for-you,similar,trending&item=22697')
  await ready(page)
  await expect.poll(async () => (await rendered(page)).length).toBeGreaterThanOrEqual(3)
  const first = await rendered(page)
  expect(new Set(first.map((r) => r.placement))).toEqual(new Set(['for-you', 'similar', 'trending']))
  expect(new Set(first.map((r) => r.frame)).size, `frames of the first renders: ${JSON.stringify(first)}`).toBe(first.length)

  // A view re-ranks "for you" and "similar", not "trending": once each, a frame apart, none in the track's task.
  const id = (await catalog(page))[120].id
  const after = await page.evaluate(async (item) => {
    const w = window as unknown as { __frame: number; __inFrame: InFrame[] }
    w.__inFrame = []
    window.Localshelf!.track('view', item)
    const sync = w.__inFrame.length
    const from = w.__frame
    while (w.__frame < from + 6) await new Promise((resolve) => requestAnimationFrame(resolve))
    await new Promise((resolve) => setTimeout(resolve, 50))
    return { sync, renders: w.__inFrame }
  }, id)
  expect(after.sync).toBe(0)
  expect(after.renders.map((r) => r.placement).sort()).toEqual(['for-you', 'similar'])
  expect(after.renders[0].frame, `frames of the re-renders: ${JSON.stringify(after.renders)}`).not.toBe(after.renders[1].frame)
  expect(errors).toEqual([])
})

test('shelves that come into view together, once the engine is there, render in frames of their own', async ({ page }) => {
  const { errors } = await watch(page)
  await countFrames(page)
  // The shelves far below the fold: none renders until the shopper scrolls to them.
  await page.addInitScript(() => document.addEventListener('DOMContentLoaded', () => document.getElementById('shelves')!.style.setProperty('margin-top', '400vh')))
  await page.goto('/harness.html?learn=false&shelves=for-you,similar,trending&item=22697')
  await ready(page)
  await page.waitForTimeout(500)
  expect(await rendered(page)).toEqual([])
  await page.evaluate(() => document.getElementById('shelves')!.scrollIntoView())
  await expect.poll(async () => (await rendered(page)).length).toBe(3)
  const renders = await rendered(page)
  expect(new Set(renders.map((r) => r.frame)).size, `frames of the renders: ${JSON.stringify(renders)}`).toBe(3)
  expect(errors).toEqual([])
})
