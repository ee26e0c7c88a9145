import { afterEach, describe, expect, it, vi } from 'vitest'
import { takeTurn, tellEach } from './turn'

/** Resolves after `depth` microtasks in a row: all of them run before the next task. */
function microtaskChain(depth: number, done: () => void): void {
  let p = Promise.resolve()
  for (let i = 0; i < depth; i++) p = p.then(() => {})
  void p.then(done)
}

afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

describe('takeTurn', () => {
  it('gives each caller a task of its own, in call order (a timer where there are no animation frames: Node)', async () => {
    const log: string[] = []
    const a = takeTurn().then(() => {
      log.push('a')
      // Queued in a's task: it runs before b's turn if (and only if) b comes in a later task.
      setTimeout(() => log.push('timer from a'))
      queueMicrotask(() => log.push('microtask from a'))
    })
    const b = takeTurn().then(() => log.push('b'))
    await Promise.all([a, b])
    expect(log).toEqual(['a', 'microtask from a', 'timer from a', 'b'])
  })

  it('in a page: waits for the next animation frame, then a task after it, so that no two turns share a frame', async () => {
    vi.useFakeTimers()
    const frames: FrameRequestCallback[] = []
    vi.stubGlobal('requestAnimationFrame', (callback: FrameRequestCallback) => frames.push(callback))
    const frame = async () => {
      for (const callback of frames.splice(0)) callback(performance.now())
      await vi.advanceTimersByTimeAsync(1) // the task the frame posts
    }
    const log: string[] = []
    const a = takeTurn().then(() => log.push('a'))
    const b = takeTurn().then(() => log.push('b'))
    await vi.advanceTimersByTimeAsync(50)
    expect(log).toEqual([]) // no frame yet
    await frame()
    expect(log).toEqual(['a'])
    await vi.advanceTimersByTimeAsync(10)
    expect(log).toEqual(['a']) // b waits for a frame of its own
    await frame()
    expect(log).toEqual(['a', 'b'])
    await Promise.all([a, b])
  })

  it('in a hidden tab (no frames come): a timer after 100 ms instead', async () => {
    vi.useFakeTimers()
    vi.stubGlobal('requestAnimationFrame', () => 0)
    const log: string[] = []
    void takeTurn().then(() => log.push('a'))
    void takeTurn().then(() => log.push('b'))
    await vi.advanceTimersByTimeAsync(99)
    expect(log).toEqual([])
    await vi.advanceTimersByTimeAsync(1)
    expect(log).toEqual(['a'])
    await vi.advanceTimersByTimeAsync(100)
    expect(log).toEqual(['a', 'b'])
  })

  it('keeps the queue going when the work of a turn fails', async () => {
    const failed = takeTurn().then(() => {
      throw new Error('broken')
    })
    await expect(failed).rejects.toThrow('broken')
    await expect(takeTurn()).resolves.toBeUndefined()
  })
})

describe('tellEach', () => {
  it('tells each listener in a turn of its own, in order, with the change, and resolves after the last', async () => {
    const log: string[] = []
    const listener = (name: string) => (change: number) => {
      log.push(`${name} ${change}`)
      microtaskChain(200, () => log.push(`${name} settled`))
    }
    const told = tellEach([listener('a'), listener('b'), listener('c')], 7, { has: () => true })
    expect(log).toEqual([]) // not in the caller's task
    await told // right after the last listener was told, before its own microtasks settle
    expect(log).toEqual(['a 7', 'a settled', 'b 7', 'b settled', 'c 7'])
  })

  it('shares the queue with takeTurn: a shelf waiting for its turn and a listener told later each get one, first come first served', async () => {
    const log: string[] = []
    const first = takeTurn().then(() => log.push('first shelf'))
    const told = tellEach([() => log.push('x'), () => log.push('y')], undefined, { has: () => true })
    const last = takeTurn().then(() => log.push('last shelf'))
    await Promise.all([first, told, last])
    expect(log).toEqual(['first shelf', 'x', 'y', 'last shelf'])
  })

  it('skips a listener gone from `current` by its turn; one that throws neither stops the rest nor rejects', async () => {
    vi.useFakeTimers()
    const log: string[] = []
    const current = new Set<(change: string) => void>()
    const a = (change: string) => log.push(`a ${change}`)
    const broken = () => {
      log.push('broken')
      throw new Error('a broken shelf')
    }
    const c = (change: string) => log.push(`c ${change}`)
    for (const l of [a, broken, c]) current.add(l)
    const told = tellEach(current, 'x', current)
    current.delete(c) // unsubscribed before its turn
    // The error surfaces as an uncaught one (a timer that throws), as an event listener's would.
    await expect(vi.runAllTimersAsync()).rejects.toThrow('a broken shelf')
    await vi.runAllTimersAsync()
    await expect(told).resolves.toBeDefined()
    expect(log).toEqual(['a x', 'broken'])
  })
})
