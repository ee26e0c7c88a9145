import { afterEach, describe, expect, it, vi } from 'vitest'
import { fakePage } from './fake-page.test-helper'
import { nextJournal, parseJournal, readJournal, removeJournal, updateJournal } from './journal'
import type { NewEvent } from './schema'

const ev = (uid: string, item = 'a'): NewEvent => ({ type: 'view', item, ts: 1, uid })

afterEach(() => vi.unstubAllGlobals())

describe('parseJournal', () => {
  it('reads back what nextJournal wrote', () => {
    expect(parseJournal(nextJournal(null, [ev('1'), ev('2', 'b')], []))).toEqual([ev('1'), ev('2', 'b')])
  })

  it('skips unreadable text and invalid entries instead of throwing', () => {
    expect(parseJournal(null)).toEqual([])
    expect(parseJournal('{not json')).toEqual([])
    expect(parseJournal('[1,2]')).toEqual([])
    expect(parseJournal('null')).toEqual([])
    const raw = JSON.stringify({ 1: ev('1'), 3: { ...ev('3'), ts: 'x' }, 5: null, 4: ev('4') })
    expect(parseJournal(raw).map((e) => e.uid)).toEqual(['1', '4'])
  })

  it('keeps the order events were added in', () => {
    const raw = nextJournal(nextJournal(null, [ev('k.b'), ev('k.a')], []), [ev('j.c')], [])
    expect(parseJournal(raw).map((e) => e.uid)).toEqual(['k.b', 'k.a', 'j.c'])
  })
})

describe('nextJournal', () => {
  it('merges without duplicating a uid, so tabs sharing the key keep each other’s entries', () => {
    const a = nextJournal(null, [ev('1'), ev('2')], [])
    const b = nextJournal(a, [ev('2'), ev('3')], [])
    expect(parseJournal(b).map((e) => e.uid)).toEqual(['1', '2', '3'])
  })

  it('removes only the given uids and returns null once empty', () => {
    const raw = nextJournal(null, [ev('1'), ev('2')], [])
    expect(parseJournal(nextJournal(raw, [], [ev('1')])).map((e) => e.uid)).toEqual(['2'])
    expect(nextJournal(raw, [], [ev('1'), ev('2')])).toBeNull()
  })
})

describe('journal storage', () => {
  it('writes, reads and removes through localStorage', () => {
    const page = fakePage()
    updateJournal('k', [ev('1')], [])
    expect(readJournal('k')).toEqual([ev('1')])
    updateJournal('k', [], [ev('1')])
    expect(page.storage.has('k')).toBe(false)
    updateJournal('k', [ev('2')], [])
    removeJournal('k')
    expect(page.storage.size).toBe(0)
  })

  it('does nothing, and never throws, without localStorage or when it refuses', () => {
    expect(readJournal('k')).toEqual([])
    expect(() => updateJournal('k', [ev('1')], [])).not.toThrow()
    vi.stubGlobal('localStorage', {
      getItem: () => {
        throw new Error('SecurityError')
      },
      setItem: () => {
        throw new Error('QuotaExceededError')
      },
      removeItem: () => {
        throw new Error('SecurityError')
      },
    })
    expect(readJournal('k')).toEqual([])
    expect(() => updateJournal('k', [ev('1')], [])).not.toThrow()
    expect(() => removeJournal('k')).not.toThrow()
  })
})
