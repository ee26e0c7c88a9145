import { expect, test } from '@playwright/test'
import { catalog, ready, watch } from './helpers'

// Promise 4, "no storage": IndexedDB missing, throwing, or never answering `open`. The widget gives
// up on it after a timeout, keeps events in memory with one warning, renders shelves within 3 s,
// and exportData() and erase() settle. Without the open timeout (src/store/db.ts), the "never
// answers" case renders nothing and this spec fails.

const FAULTS = {
  // A real IDBOpenDBRequest that never fires: it asks for an upgrade that an open connection of this
  // very page blocks by ignoring `versionchange`.
  never: () => {
    const open = IDBFactory.prototype.open
    open.call(indexedDB, 'localshelf-blocker', 1)
    IDBFactory.prototype.open = function (this: IDBFactory) {
      return open.call(this, 'localshelf-blocker', 2)
    }
  },
  missing: () => Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true }),
  throwing: () => {
    IDBFactory.prototype.open = () => {
      throw new DOMException('The user denied permission to access the database.', 'UnknownError')
    }
  },
} as const

for (const [name, fault] of Object.entries(FAULTS)) {
  test(`IndexedDB ${name}: shelves within 3 s, one warning, export and erase settle`, async ({ page }) => {
    const { errors } = await watch(page)
    const warnings: string[] = []
    page.on('console', (m) => { if (m.type() === 'warning' && /IndexedDB/.test(m.text())) warnings.push(m.text()) })
    await page.addInitScript(fault)
    const started = Date.now()
    await page.goto('/harness.html?learn=false&shelves=for-you,trending')
    await page.waitForFunction(() => window.__renders.some((r) => r.items.length > 0), undefined, { timeout: 3000 })
    const shelfMs = Date.now() - started
    const ids = (await catalog(page)).slice(0, 3).map((p) => p.id)
    const settle = (fn: string) => page.evaluate((f) => {
      const t0 = performance.now()
      return Promise.race([
        (window.Localshelf as unknown as Record<string, () => Promise<unknown>>)[f]().then((value) => ({ ms: performance.now() - t0, value })),
        new Promise<null>((resolve) => setTimeout(() => resolve(null), 5000)),
      ])
    }, fn)
    const acks = await page.evaluate((list) => Promise.all(list.map((id) => window.Localshelf!.track('view', id))), ids)
    const views = (result: { value: unknown } | null) => (result!.value as { events: Array<{ type: string }> }).events.filter((e) => e.type === 'view')
    const exported = await settle('exportData')
    const erased = await settle('erase')
    const after = await settle('exportData')
    console.log(`[no storage: ${name}] first shelf ${shelfMs} ms; export ${exported?.ms.toFixed(0)} ms; erase ${erased?.ms.toFixed(0)} ms; warnings ${warnings.length}; acks ${JSON.stringify(acks)}`)
    expect(shelfMs).toBeLessThan(3000)
    expect(exported, 'exportData() settles').not.toBeNull()
    expect(views(exported)).toHaveLength(3)
    // Kept in memory only: not acknowledged as durable.
    expect(acks).toEqual([false, false, false])
    expect(erased, 'erase() settles').not.toBeNull()
    expect(views(after)).toHaveLength(0)
    expect(warnings).toHaveLength(1)
    expect(errors).toEqual([])
  })
}

// An old tab never blocks an upgrade by a newer version for more than 2 s: every connection closes
// on `versionchange` (the `blocking` handler in src/store/db.ts; remove it and this times out).
test('an open tab lets another tab upgrade the database within 2 s', async ({ context }) => {
  const old = await context.newPage()
  await old.goto('/harness.html?learn=false&shelves=trending')
  await ready(old)
  await old.evaluate(() => window.Localshelf!.track('view', 'x'))
  const other = await context.newPage()
  await other.goto('/harness.html?learn=false&db=unused')
  const ms = await other.evaluate(() => new Promise<number>((resolve, reject) => {
    const t0 = performance.now()
    const request = indexedDB.open('localshelf', 99)
    request.onsuccess = () => { request.result.close(); resolve(performance.now() - t0) }
    request.onerror = () => reject(request.error)
    setTimeout(() => resolve(Infinity), 5000)
  }))
  console.log(`[versionchange] upgrade past an open tab took ${ms.toFixed(0)} ms`)
  expect(ms).toBeLessThan(2000)
  // The old tab carries on, in memory, without an error in the page.
  expect(await old.evaluate(() => window.Localshelf!.track('view', 'y').then(() => 'settled'))).toBe('settled')
})
