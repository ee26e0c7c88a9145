import { expect, test, type Page } from '@playwright/test'
import { catalog, ready, waitForRender, watch, type RenderDetail } from './helpers'

// Ranking on demand in a real page: track() never re-ranks in its own task, a burst of events
// re-ranks each shelf once (one animation frame), and only the shelves whose inputs changed.

/**
 * Renders per placement after `events` are tracked in one task, once six frames and a task have
 * passed: the shelves are told a frame after the events, then each in a frame of its own (src/ui/turn.ts).
 */
async function rendersAfter(page: Page, events: [string, string][]): Promise<{ sync: number; counts: Record<string, number>; renders: RenderDetail[] }> {
  return page.evaluate(async (list) => {
    window.__renders = []
    for (const [type, id] of list) window.Localshelf!.track(type, id)
    const sync = window.__renders.length
    for (let f = 0; f < 6; f++) await new Promise((resolve) => requestAnimationFrame(resolve))
    await new Promise((resolve) => setTimeout(resolve, 50))
    const counts: Record<string, number> = {}
    for (const r of window.__renders) counts[r.placement] = (counts[r.placement] ?? 0) + 1
    return { sync, counts, renders: window.__renders }
  }, events)
}

test('a burst of views re-ranks each affected shelf once, frames later, and leaves trending alone', async ({ page }) => {
  const { errors } = await watch(page)
  await page.goto('/harness.html?learn=false&shelves=for-you,trending,recent')
  await ready(page)
  const latest = new Map<string, string[]>()
  for (const placement of ['for-you', 'trending', 'recent']) latest.set(placement, (await waitForRender(page, placement)).items)
  const ids = (await catalog(page)).slice(100, 106).map((p) => p.id)
  const burst = await rendersAfter(page, ids.map((id) => ['view', id]))
  expect(burst.sync).toBe(0)
  expect(burst.counts).toEqual({ 'for-you': 1, recent: 1 })
  for (const r of burst.renders) latest.set(r.placement, r.items)

  // A dismissal hides its item: only the shelf showing it re-ranks; an item no shelf shows, none.
  const everyShown = [...latest.values()].flat()
  const unseen = (await catalog(page)).map((p) => p.id).find((id) => !everyShown.includes(id))!
  expect((await rendersAfter(page, [['dismiss', unseen]])).counts).toEqual({})
  const shown = latest.get('trending')!.find((id) => !latest.get('for-you')!.includes(id) && !latest.get('recent')!.includes(id))!
  const dismissed = await rendersAfter(page, [['dismiss', shown]])
  expect(dismissed.counts).toEqual({ trending: 1 })
  expect(dismissed.renders[0].items).not.toContain(shown)
  expect(errors).toEqual([])
})
