import { describe, expect, it } from 'vitest'
import type { LocalshelfExport } from '../store/erase'
import { summarisePrivacy } from './privacy'

const context = { titleOf: (id: string) => id.toUpperCase(), consent: true, paused: false, arm: 'model' }

describe('summarisePrivacy', () => {
  it('tells the stored impression counts apart from the interactions, old impression events included', () => {
    const data: LocalshelfExport = {
      exportedAt: 0,
      events: [
        { type: 'view', item: 'a', ts: 1, seq: 1 },
        { type: 'impression', item: 'z', ts: 2, seq: 2, placement: 'for-you' }, // stored before impressions were counted apart
        { type: 'cart', item: 'b', ts: 3, seq: 3 },
      ],
      impressions: [
        { day: '2026-11-29', placement: 'for-you', arm: 'model', item: 'x', count: 4, last: 5 },
        { day: '2026-11-29', placement: 'similar', arm: 'model', item: 'y', count: 2, last: 6 },
      ],
      model: null,
      meta: {},
    }
    const summary = summarisePrivacy(data, context)
    expect(summary.events).toEqual({ view: 1, cart: 1 })
    expect(summary.impressions).toBe(7)
    expect(summary.recent.map((r) => `${r.title} ${r.type}`)).toEqual(['B cart', 'A view'])
  })
})
