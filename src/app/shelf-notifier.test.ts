import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ShelfChange } from '../ui/engine-types'
import { createShelfNotifier, type ShelfListener, type StateSnapshot } from './shelf-notifier'

// A fake animation frame: callbacks run when the test says a frame happened.
let frames: Map<number, FrameRequestCallback>
let nextId = 1
const runFrames = () => {
  const due = [...frames.values()]
  frames.clear()
  for (const callback of due) callback(performance.now())
}
// ...and then the zero-delay task the frame posts (the work runs right after the frame, not in
// it), then the next frame and the task after it: each shelf's turn (src/ui/turn.ts).
const frame = async () => {
  runFrames()
  await vi.advanceTimersByTimeAsync(10)
  runFrames()
  await vi.advanceTimersByTimeAsync(10)
}

beforeEach(() => {
  vi.useFakeTimers()
  frames = new Map()
  vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => (frames.set(nextId, callback), nextId++))
  vi.stubGlobal('cancelAnimationFrame', (id: number) => frames.delete(id))
  vi.stubGlobal('document', { visibilityState: 'visible' })
})
afterEach(async () => {
  // The turns are one queue for the whole module: a turn left on a fake timer would hold it up.
  await vi.runAllTimersAsync().catch(() => {})
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

function setup() {
  const state: StateSnapshot = { catalog: [], weights: {}, history: [], settings: [true, 'model'] }
  const changes: (ShelfChange | undefined)[] = []
  const listeners = new Set<ShelfListener>([(change) => changes.push(change)])
  const notifier = createShelfNotifier(listeners, () => ({ ...state, settings: [...state.settings] }))
  return { state, changes, notifier }
}

describe('the shelf notifier', () => {
  it('tells the shelves once per animation frame, however many events arrive', async () => {
    const { changes, notifier } = setup()
    for (let i = 0; i < 20; i++) notifier.notify({ type: 'view', item: `p${i}` })
    expect(changes).toHaveLength(0) // not in the task that recorded the events
    runFrames()
    expect(changes).toHaveLength(0) // nor in the frame's rendering task
    await vi.advanceTimersByTimeAsync(10)
    expect(changes).toHaveLength(0) // the task after it queues each shelf's turn...
    runFrames()
    await vi.advanceTimersByTimeAsync(10)
    expect(changes).toHaveLength(1) // ...which comes after the next frame
    await vi.advanceTimersByTimeAsync(1000) // the hidden-tab backstops run nothing more
    await frame()
    expect(changes).toHaveLength(1)
    notifier.notify({ type: 'view', item: 'p1' })
    await frame()
    expect(changes).toHaveLength(2)
  })

  it('falls back to a timer in a hidden tab and where there are no animation frames', async () => {
    const { changes, notifier } = setup()
    vi.stubGlobal('document', { visibilityState: 'hidden' })
    notifier.notify({ type: 'view', item: 'a' })
    expect(frames.size).toBe(0)
    await vi.advanceTimersByTimeAsync(110) // the notifier's timer, then the turn's (no frame comes)
    expect(changes).toHaveLength(1)
    vi.stubGlobal('document', { visibilityState: 'visible' })
    notifier.notify({ type: 'view', item: 'a' })
    await vi.advanceTimersByTimeAsync(220) // hidden after the frame was requested: the backstops run it
    expect(changes).toHaveLength(2)
    await frame()
    expect(changes).toHaveLength(2)
    vi.stubGlobal('requestAnimationFrame', undefined)
    notifier.notify({ type: 'view', item: 'a' })
    await vi.advanceTimersByTimeAsync(10)
    expect(changes).toHaveLength(3)
  })

  it('counts a version per input: a view moves the interest, a dismissal only hides its item', async () => {
    const { changes, notifier } = setup()
    notifier.notify({ type: 'view', item: 'a' })
    await frame()
    expect(changes[0]).toEqual({ versions: { catalog: 0, weights: 0, interest: 1, cart: 0, filters: 0, settings: 0 }, excluded: [] })
    notifier.notify({ type: 'dismiss', item: 'b' })
    notifier.notify({ type: 'cart', item: 'c' })
    await frame()
    expect(changes[1]).toEqual({ versions: { catalog: 0, weights: 0, interest: 2, cart: 1, filters: 0, settings: 0 }, excluded: ['b', 'c'] })
    notifier.notify({ type: 'remove', item: 'c' })
    await frame()
    expect(changes[2]!.versions).toMatchObject({ cart: 2, filters: 1 })
    expect(changes[2]!.excluded).toEqual([])
  })

  it('tells what an unexplained notification changed from the state, and assumes everything when nothing shows', async () => {
    const { state, changes, notifier } = setup()
    state.weights = {} // new weights (a fine-tune result)
    notifier.notify()
    await frame()
    expect(changes[0]!.versions).toEqual({ catalog: 0, weights: 1, interest: 0, cart: 0, filters: 0, settings: 0 })
    state.settings = [false, 'model'] // consent withdrawn
    state.history = []
    notifier.notify()
    await frame()
    expect(changes[1]!.versions).toEqual({ catalog: 0, weights: 1, interest: 1, cart: 1, filters: 1, settings: 1 })
    notifier.notify()
    await frame()
    expect(changes[2]!.versions).toMatchObject({ weights: 1, settings: 2 })
  })

  it('does not take a history array replaced by track() for an erase', async () => {
    const { state, changes, notifier } = setup()
    state.history = [] // track() dropped the oldest event
    notifier.notify({ type: 'view', item: 'a' })
    await frame()
    state.weights = {}
    notifier.notify()
    await frame()
    expect(changes[1]!.versions).toEqual({ catalog: 0, weights: 1, interest: 1, cart: 0, filters: 0, settings: 0 })
  })

  it('tells each shelf in a turn of its own, skipping one that unsubscribed meanwhile', async () => {
    const told: string[] = []
    const listeners = new Set<ShelfListener>()
    const own = createShelfNotifier(listeners, () => ({ catalog: [], weights: {}, history: [], settings: [] }))
    const c: ShelfListener = () => told.push('c')
    listeners.add(() => told.push('a')).add(() => {
      told.push('b')
      throw new Error('a broken shelf')
    }).add(c)
    own.notify({ type: 'view', item: 'a' })
    runFrames()
    await vi.advanceTimersByTimeAsync(0) // the task after the frame: it only queues the turns
    expect(told).toEqual([])
    // One shelf per frame (src/ui/turn.test.ts shows the turns' tasks and frames).
    const nextFrame = async () => {
      runFrames()
      await vi.advanceTimersByTimeAsync(1)
    }
    await nextFrame()
    expect(told).toEqual(['a'])
    // The broken shelf's error is reported as an uncaught one, and does not keep the next one from being told.
    await expect(nextFrame()).rejects.toThrow('a broken shelf')
    expect(told).toEqual(['a', 'b'])
    await nextFrame()
    expect(told).toEqual(['a', 'b', 'c'])
    own.notify({ type: 'view', item: 'b' })
    runFrames()
    await vi.advanceTimersByTimeAsync(0)
    listeners.delete(c) // before its turn
    await nextFrame()
    await expect(nextFrame()).rejects.toThrow('a broken shelf')
    await nextFrame()
    expect(told).toEqual(['a', 'b', 'c', 'a', 'b'])
  })
})
