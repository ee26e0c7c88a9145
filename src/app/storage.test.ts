import { describe, expect, it } from 'vitest'
import { consentRequired } from './consent'
import { createStorage } from './storage'

const event = { type: 'view', item: 'a', ts: 1 }

describe('createStorage before consent', () => {
  it('where consent is required and no database exists, reads are empty, appends refused and the db ref rejects', async () => {
    // Node has no IndexedDB: the database counts as absent, as where `indexedDB.databases()` is missing.
    const storage = createStorage({ dbName: 'storage-test' }, true)
    await storage.decided
    await expect(Promise.resolve(storage.db())).rejects.toThrow(/before consent/)
    expect(await storage.log().append(event)).toBe(false)
    expect(await storage.impressions().append({ ...event, type: 'impression' })).toBe(false)
    expect(await storage.log().all()).toEqual([])
    expect(await storage.impressions().all()).toEqual([])
    expect(storage.log().stored()).toBe(0)
  })

  it('open() (on consent) swaps in the logs on the database, once', async () => {
    const storage = createStorage({ dbName: 'storage-test' }, true)
    await storage.decided
    const closed = storage.log()
    storage.open()
    const opened = storage.log()
    expect(opened).not.toBe(closed)
    storage.open()
    expect(storage.log()).toBe(opened)
    // No IndexedDB in Node: the real log keeps the event in memory (false: not durable), and reads it back.
    expect(await opened.append(event)).toBe(false)
    expect((await opened.all()).map((e) => e.item)).toEqual(['a'])
    storage.close()
  })
})

describe('consentRequired', () => {
  it('is the shop asking for consent, or GPC where the shop honours it', () => {
    expect(consentRequired({ consent: 'required' })).toBe(true)
    expect(consentRequired({})).toBe(false)
    expect(consentRequired({ consent: 'implied', honorGlobalPrivacyControl: true })).toBe(false) // Node sends no GPC
  })
})
