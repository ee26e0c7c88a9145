import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ShelfResult } from '../ui/engine-types'
import { createShelfCache } from './shelf-cache'

// Node has no localStorage; a Map behind the Storage methods the cache calls stands in for it
// (e2e/first-paint.spec.ts runs the real one).
function memoryStorage() {
  const map = new Map<string, string>()
  return { map, getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), removeItem: (k: string) => void map.delete(k) }
}
const result = (placement: string, ids: string[]): ShelfResult => ({ placement, source: 'personal', items: ids.map((id) => ({ id, title: id })) })
const request = (placement: string) => ({ placement, limit: 10 })

describe('createShelfCache', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('returns what the previous page stored under the same version only', () => {
    vi.stubGlobal('localStorage', memoryStorage())
    const first = createShelfCache('k')
    first.open('v1')
    first.put(request('for-you'), result('for-you', ['a', 'b']))
    const next = createShelfCache('k')
    next.open('v1')
    expect(next.any()).toBe(true)
    expect(next.get(request('for-you'))).toEqual(result('for-you', ['a', 'b']))
    expect(next.get({ placement: 'for-you', limit: 4 })).toBeUndefined()
    const newModel = createShelfCache('k')
    newModel.open('v2')
    expect(newModel.any()).toBe(false)
    expect(newModel.get(request('for-you'))).toBeUndefined()
  })

  it('keeps the 24 most recent shelves and forgets everything on clear', () => {
    const storage = memoryStorage()
    vi.stubGlobal('localStorage', storage)
    const cache = createShelfCache('k')
    cache.open('v')
    for (let i = 0; i < 30; i++) cache.put(request('p' + i), result('p' + i, ['x']))
    expect(cache.entries().map((r) => r.placement)).toEqual(Array.from({ length: 24 }, (_, i) => 'p' + (i + 6)))
    cache.clear()
    expect(cache.any()).toBe(false)
    expect(storage.map.size).toBe(0)
  })

  it('works without storage (sandboxed frames, storage disabled): nothing is kept, nothing throws', () => {
    vi.stubGlobal('localStorage', { getItem: () => { throw new Error('denied') }, setItem: () => { throw new Error('denied') }, removeItem: () => { throw new Error('denied') } })
    const cache = createShelfCache('k')
    expect(() => cache.open('v')).not.toThrow()
    expect(() => cache.put(request('a'), result('a', ['x']))).not.toThrow()
    expect(() => cache.clear()).not.toThrow()
  })
})
