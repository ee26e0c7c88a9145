import { expect, test } from '@playwright/test'
import { exportedEvents, exportedImpressions, ready, waitForRender, watch } from './helpers'

// The <local-shelf> element's public contract, on a plain page with the script tag.
test.describe('<local-shelf>', () => {
  test('renders an accessible carousel with parts, ids and a render event', async ({ page }) => {
    const { errors } = await watch(page)
    await page.goto('/harness.html?learn=false&shelves=trending')
    await ready(page)
    const render = await waitForRender(page, 'trending')
    expect(render.source).toBe('popular')
    expect(render.items).toHaveLength(10)
    const shelf = page.locator('local-shelf')
    const links = shelf.locator('[part~="item"]')
    await expect(links).toHaveCount(10)
    expect(await links.evaluateAll((els) => els.map((el) => el.getAttribute('data-item-id')))).toEqual(render.items)
    await expect(shelf.getByRole('list')).toBeVisible()
    await expect(shelf.getByRole('listitem')).toHaveCount(10)
    await expect(shelf.getByRole('heading')).toHaveText(/trending/i)
    // Keyboard: arrow keys move between cards.
    await links.first().focus()
    await page.keyboard.press('ArrowRight')
    expect(await page.evaluate(() => document.querySelector('local-shelf')!.shadowRoot!.activeElement?.getAttribute('data-item-id'))).toBe(render.items[1])
    // Styles come through a constructable stylesheet, not <style> or inline styles (strict CSP).
    expect(await page.evaluate(() => {
      const root = document.querySelector('local-shelf')!.shadowRoot!
      return { adopted: root.adoptedStyleSheets.length, styleTags: root.querySelectorAll('style,[style]').length }
    })).toEqual({ adopted: 1, styleTags: 0 })
    expect(errors).toEqual([])
    expect(await page.evaluate(() => window.__cspViolations)).toEqual([])
  })

  test('records a click with its placement before navigating', async ({ page }) => {
    await watch(page)
    await page.goto('/')
    await ready(page)
    const render = await waitForRender(page, 'trending')
    // An impression counts once half a card has been in view for a second.
    await page.locator('local-shelf[placement="trending"]').scrollIntoViewIfNeeded()
    await expect.poll(async () => (await exportedImpressions(page)).filter((r) => r.placement === 'trending').length).toBeGreaterThan(0)
    await page.locator('local-shelf[placement="trending"] [part~="item"]').first().click()
    await page.waitForURL(/product\.html/)
    await ready(page)
    const clicks = (await exportedEvents(page)).filter((e) => e.type === 'click')
    expect(clicks).toEqual([expect.objectContaining({ item: render.items[0], placement: 'trending' })])
    expect((await exportedImpressions(page)).length).toBeGreaterThan(0)
  })

  test('renders hostile catalog rows safely and reports the bad ones', async ({ page }) => {
    const { errors } = await watch(page)
    const warnings: string[] = []
    page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()) })
    await page.goto('/harness.html?learn=false&catalog=/test-data/hostile.json&shelves=trending')
    await ready(page)
    const render = await waitForRender(page, 'trending')
    expect(render.items.sort()).toEqual(['42', 'bad-price', 'evil-1', 'evil-2', 'evil-3', 'ok-1'])
    const hrefs = await page.locator('local-shelf [part~="item"]').evaluateAll((els) => els.map((el) => el.getAttribute('href')))
    for (const href of hrefs) expect(href ?? '').not.toMatch(/^\s*(javascript|data|vbscript):/i)
    const srcs = await page.locator('local-shelf img').evaluateAll((els) => els.map((el) => el.getAttribute('src')))
    for (const src of srcs) expect(src ?? '').not.toMatch(/^\s*(javascript|data):/i)
    // The markup-looking title is text, not markup.
    await expect(page.locator('local-shelf').getByText('<img src=x onerror=alert(3)>')).toBeVisible()
    const report = warnings.join('\n')
    expect(report).toMatch(/row 4, id/)
    expect(report).toMatch(/row 6, id: duplicate/)
    expect(report).toMatch(/row 7, price/)
    expect(report).toMatch(/row 8, row/)
    expect(await page.evaluate(() => window.Localshelf!.state().catalogSize)).toBe(6)
    expect(errors).toEqual([])
  })

  test('a missing catalog leaves the host page intact and the shelf empty', async ({ page }) => {
    const pageErrors: string[] = []
    page.on('pageerror', (e) => pageErrors.push(e.message))
    await watch(page)
    await page.goto('/harness.html?learn=false&catalog=/nope.json&shelves=for-you')
    await ready(page)
    await expect(page.locator('#host')).toHaveText('Host page content')
    const state = await page.evaluate(() => window.Localshelf!.state())
    expect(state.error).toMatch(/nope\.json.*404/)
    await expect(page.locator('local-shelf [part~="item"]')).toHaveCount(0)
    expect(pageErrors).toEqual([])
  })
})
