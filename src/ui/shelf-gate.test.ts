import { describe, expect, it } from 'vitest'
import type { ShelfChange } from './engine-types'
import { createShelfGate } from './shelf-gate'

const versions = (moved: Partial<Record<string, number>> = {}) => ({ catalog: 1, weights: 1, interest: 1, cart: 0, filters: 0, settings: 1, ...moved })
const change = (moved: Partial<Record<string, number>>, excluded: string[] = []): ShelfChange => ({ versions: versions(moved), excluded })

describe('the shelf gate', () => {
  it('re-ranks a shelf only for the inputs its placement reads', () => {
    const trending = createShelfGate()
    const forYou = createShelfGate()
    const t = { placement: 'trending', limit: 8 }
    const f = { placement: 'for-you', limit: 8 }
    // Before any ranking, every notification re-ranks.
    expect(trending.affects(change({}), t)).toBe(true)
    trending.ranked(t, ['a', 'b'], versions())
    forYou.ranked(f, ['c', 'd'], versions())
    expect(trending.affects(change({}), t)).toBe(false)
    // A view: the shopper's history moved, the popularity did not.
    expect(trending.affects(change({ interest: 2 }), t)).toBe(false)
    expect(forYou.affects(change({ interest: 2 }), f)).toBe(true)
    forYou.ranked(f, ['c', 'e'], versions({ interest: 2 }))
    // New weights: personal shelves only.
    expect(trending.affects(change({ interest: 2, weights: 2 }), t)).toBe(false)
    expect(forYou.affects(change({ interest: 2, weights: 2 }), f)).toBe(true)
    // Consent, arm: everything; and a notification that says nothing.
    expect(trending.affects(change({ interest: 2, weights: 2, settings: 2 }), t)).toBe(true)
    expect(trending.affects(undefined, t)).toBe(true)
  })

  it('re-ranks for a hidden item only the shelves that show it', () => {
    const gate = createShelfGate()
    const request = { placement: 'trending', limit: 8 }
    gate.ranked(request, ['a', 'b'], versions())
    expect(gate.affects(change({}, ['x']), request)).toBe(false)
    expect(gate.affects(change({}, ['x', 'b']), request)).toBe(true)
  })

  it('re-ranks when the request changed, after a failed ranking, and always for an engine without versions', () => {
    const gate = createShelfGate()
    const request = { placement: 'similar', item: 'a', limit: 8 }
    gate.ranked(request, ['b'], versions())
    expect(gate.affects(change({}), request)).toBe(false)
    expect(gate.affects(change({}), { ...request, item: 'b' })).toBe(true)
    expect(gate.affects(change({}), { ...request, rules: { maxPerCategory: 1 } })).toBe(true)
    gate.reset()
    expect(gate.affects(change({}), request)).toBe(true)
    gate.ranked(request, ['b'], undefined)
    expect(gate.affects(change({}), request)).toBe(true)
  })
})
