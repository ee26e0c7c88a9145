import { afterEach, describe, expect, it, vi } from 'vitest'
import type { InteractionEvent } from '../core/types'
import { createTracker, HISTORY_KEPT, type TrackerPorts } from './tracker'

function setup(recording = true) {
  const appended: InteractionEvent[] = []
  const counted: InteractionEvent[] = []
  const recorded: InteractionEvent[] = []
  const ports: TrackerPorts = {
    recording: () => recording,
    arm: () => 'holdout',
    appendImpression: async (e) => (counted.push(e), true),
    appendEvent: async (e) => (appended.push(e), true),
    recorded: (e) => recorded.push(e),
  }
  return { tracker: createTracker(ports), appended, counted, recorded }
}

afterEach(() => vi.restoreAllMocks())

describe('tracker', () => {
  it('logs an interaction, keeps it in the history and tells the shelves', async () => {
    const { tracker, appended, recorded } = setup()
    expect(await tracker.track('view', 'p1', { placement: 'similar' })).toBe(true)
    expect(appended).toEqual([expect.objectContaining({ type: 'view', item: 'p1', placement: 'similar', props: { placement: 'similar' } })])
    expect(tracker.history().map((e) => e.item)).toEqual(['p1'])
    expect(recorded).toHaveLength(1)
  })

  it('counts impressions apart: not in the log, not in the history, with the arm they were shown in', async () => {
    const { tracker, appended, counted, recorded } = setup()
    await tracker.track('impression', 'p2', { placement: 'for-you' })
    expect(appended).toEqual([])
    expect(tracker.history()).toEqual([])
    expect(recorded).toEqual([])
    expect(counted[0].props).toEqual({ placement: 'for-you', arm: 'holdout' })
  })

  it('stamps the arm on shelf clicks only, and reads placement from own properties only', async () => {
    const { tracker, appended } = setup()
    await tracker.track('click', 'p1', { placement: 'trending' })
    await tracker.track('view', 'p2', Object.create({ placement: 'inherited' }))
    expect(appended[0].props).toEqual({ placement: 'trending', arm: 'holdout' })
    expect(appended[1].placement).toBeUndefined()
  })

  it('ignores a call without a type or an id, with a warning, and records nothing without consent', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined)
    const { tracker, appended } = setup()
    expect(await tracker.track('', 'p1')).toBe(false)
    expect(await tracker.track('view', '')).toBe(false)
    expect(warn).toHaveBeenCalledTimes(2)
    const off = setup(false)
    expect(await off.tracker.track('view', 'p1')).toBe(false)
    expect([...appended, ...off.appended]).toEqual([])
  })

  it('keeps the newest HISTORY_KEPT events, loads the stored ones and clears', async () => {
    const { tracker } = setup()
    tracker.load(Array.from({ length: HISTORY_KEPT + 5 }, (_, i) => ({ type: 'view', item: 'p' + i, ts: i })))
    expect(tracker.history()).toHaveLength(HISTORY_KEPT)
    expect(tracker.history()[0].item).toBe('p5')
    const before = tracker.history()
    await tracker.track('view', 'new')
    // Trimmed: a new array, so the shelves see the history moved.
    expect(tracker.history()).not.toBe(before)
    expect(tracker.history()).toHaveLength(HISTORY_KEPT)
    expect(tracker.history().at(-1)?.item).toBe('new')
    tracker.clear()
    expect(tracker.history()).toEqual([])
  })
})
