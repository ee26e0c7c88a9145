import { expect, test } from '@playwright/test'
import { catalog, ready } from './helpers'

// Promise 8, host isolation: faults injected in storage (IndexedDB open throws), the model (the
// training worker cannot load) and rendering (constructable stylesheets throw) leave the host
// page's own error count at 0 (uncaught errors and unhandled rejections) and its DOM outside our
// elements unchanged. The widget reports each fault on the console instead.
const FAULTS: Record<string, () => void> = {
  storage: () => {
    IDBFactory.prototype.open = () => { throw new DOMException('injected', 'UnknownError') }
  },
  rendering: () => {
    CSSStyleSheet.prototype.replaceSync = () => { throw new Error('injected') }
  },
  model: () => {},
}

for (const [name, fault] of Object.entries(FAULTS)) {
  test(`an injected ${name} fault leaves the host page's errors at 0 and its DOM unchanged`, async ({ page }) => {
    const hostErrors: string[] = []
    page.on('pageerror', (error) => hostErrors.push(error.message))
    if (name === 'model') await page.route('**/localshelf-worker.js', (route) => route.fulfill({ status: 404, body: 'gone' }))
    await page.addInitScript(fault)
    await page.addInitScript(() => {
      const w = window as unknown as { __hostErrors: string[]; __dom: () => string; __before: string }
      w.__hostErrors = []
      addEventListener('error', (e) => w.__hostErrors.push(String(e.message)))
      addEventListener('unhandledrejection', (e) => w.__hostErrors.push(String(e.reason)))
      // The page's DOM outside our elements: each <local-shelf> (whose attributes, such as the
      // `hidden` of an empty shelf, are ours to set) stands in as a marker.
      w.__dom = () => {
        const copy = document.documentElement.cloneNode(true) as HTMLElement
        for (const shelf of copy.querySelectorAll('local-shelf')) shelf.replaceWith(document.createComment('local-shelf'))
        return copy.outerHTML
      }
      document.addEventListener('DOMContentLoaded', () => (w.__before = w.__dom()))
    })
    const ids = (await catalog(page)).slice(0, 6).map((p) => p.id)
    await page.goto('/harness.html?backend=wasm&shelves=for-you,trending')
    await ready(page)
    await page.evaluate((list) => Promise.all(list.map((id) => window.Localshelf!.track('view', id))), ids)
    // Long enough for the worker to be tried (2 s after start, then the training delay).
    await page.waitForTimeout(3500)
    await page.evaluate(() => window.Localshelf!.exportData())
    await page.evaluate(() => window.Localshelf!.erase())
    const result = await page.evaluate(() => {
      const w = window as unknown as { __hostErrors: string[]; __dom: () => string; __before: string }
      return { errors: w.__hostErrors, same: w.__dom() === w.__before, state: window.Localshelf!.state() }
    })
    console.log(`[isolation: ${name}] host errors ${result.errors.length + hostErrors.length}; host DOM unchanged ${result.same}; widget backend ${result.state.backend}; widget error ${result.state.error ?? 'none'}`)
    expect(result.errors).toEqual([])
    expect(hostErrors).toEqual([])
    expect(result.same).toBe(true)
  })
}
