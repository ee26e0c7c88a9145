// Without IndexedDB (Node): the store functions must still export and erase what the log holds.
// With IndexedDB they run in Chromium in idb.browser.test.ts.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { openLocalshelfDB } from './db'
import { eraseAll, exportAll } from './erase'
import { createEventLog } from './event-log'
import { fakePage } from './fake-page.test-helper'
import { getMeta } from './meta-store'
import { loadModel } from './model-store'

afterEach(() => {
  vi.unstubAllGlobals()
  vi.restoreAllMocks()
})

describe('without IndexedDB', () => {
  it('openLocalshelfDB rejects instead of throwing, and the readers pass that on', async () => {
    const db = openLocalshelfDB()
    await expect(db).rejects.toThrow(/indexedDB/)
    await expect(loadModel(db)).rejects.toThrow()
    await expect(getMeta(db, 'arm')).rejects.toThrow()
  })

  it('exportAll returns the log’s events and no model; eraseAll empties the log and the journal', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {})
    const page = fakePage()
    const db = openLocalshelfDB()
    const log = createEventLog(db, { now: () => 2000 })
    log.append({ type: 'view', item: 'a', ts: 1000 })
    log.append({ type: 'view', item: 'b', ts: 1000 })
    page.hide()
    const data = await exportAll(db, log)
    expect(data.events.map((e) => e.item)).toEqual(['a', 'b'])
    expect(data.model).toBeNull()
    expect(data.meta).toEqual({})
    expect(JSON.parse(JSON.stringify(data))).toEqual(data)
    log.append({ type: 'view', item: 'c', ts: 1000 })
    page.hide()
    expect(page.storage.size).toBe(1)
    await eraseAll(db, log)
    expect(await log.count()).toBe(0)
    expect(page.storage.size).toBe(0)
  })
})
