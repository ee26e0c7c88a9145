import { expect, test } from '@playwright/test'
import { exportedEvents, ready, waitForRender, watch } from './helpers'

// What frameworks hook into: the cancelable `localshelf:select` event and the `status` attribute.
test.describe('<local-shelf> for frameworks', () => {
  test('a cancelable localshelf:select after the click is recorded; preventDefault keeps the page', async ({ page }) => {
    const { errors } = await watch(page)
    await page.goto('/harness.html?learn=false&shelves=trending')
    await ready(page)
    const render = await waitForRender(page, 'trending')
    await expect(page.locator('local-shelf')).toHaveAttribute('status', 'ready')
    await page.evaluate(() => {
      document.addEventListener('localshelf:select', async (event) => {
        event.preventDefault()
        // Recorded before the event: the click is already in the log when a router takes over.
        const stored = (await window.Localshelf!.exportData()) as { events: { type: string }[] }
        ;(window as unknown as { selected: unknown }).selected = { detail: event.detail, clicksBefore: stored.events.filter((e) => e.type === 'click').length }
      })
    })
    const url = page.url()
    await page.locator('local-shelf [part~="item"]').nth(1).click()
    await expect.poll(() => page.evaluate(() => (window as unknown as { selected?: unknown }).selected)).toBeTruthy()
    const selected = await page.evaluate(() => (window as unknown as { selected: { detail: { id: string; placement: string; url?: string; index: number }; clicksBefore: number } }).selected)
    expect(selected.detail).toEqual({ id: render.items[1], placement: 'trending', url: expect.stringMatching(/product\.html/), index: 1 })
    expect(selected.clicksBefore).toBe(1)
    expect(page.url()).toBe(url)
    expect((await exportedEvents(page)).filter((e) => e.type === 'click')).toEqual([expect.objectContaining({ item: render.items[1], placement: 'trending' })])
    expect(errors).toEqual([])
  })

  test('status: loading until the first render, empty when there is nothing to show', async ({ page }) => {
    await watch(page)
    await page.goto('/harness.html?learn=false&catalog=/nope.json&shelves=for-you')
    await ready(page)
    const shelf = page.locator('local-shelf')
    await expect(shelf).toHaveAttribute('status', 'empty')
    await expect(shelf).toBeHidden()
    // A shelf not yet near the viewport stays "loading".
    const status = await page.evaluate(async () => {
      const far = document.createElement('local-shelf')
      far.setAttribute('placement', 'trending')
      const spacer = document.createElement('div')
      spacer.style.height = '5000px'
      document.body.append(spacer, far)
      await new Promise((resolve) => setTimeout(resolve, 300))
      return far.getAttribute('status')
    })
    expect(status).toBe('loading')
  })
})
