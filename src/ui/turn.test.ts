import { afterEach, describe, expect, it, vi } from 'vitest'
import { takeTurn, tellEach } from './turn'

// Chromium's scheduler.yield() resumes in a task of its own; a MessageChannel message is one too.
function messageChannelYield(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel()
    channel.port1.onmessage = () => {
      channel.port1.close()
      resolve()
    }
    channel.port2.postMessage(undefined)
  })
}

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
  it('gives each caller a task of its own, in call order (timers where there is no scheduler.yield)', async () => {
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

  it('uses scheduler.yield where there is one: each turn after every microtask of the one before', async () => {
    const yields = vi.fn(messageChannelYield)
    vi.stubGlobal('scheduler', { yield: yields })
    const log: string[] = []
    const a = takeTurn().then(() => {
      log.push('a')
      microtaskChain(1000, () => log.push('a settled'))
    })
    const b = takeTurn().then(() => log.push('b'))
    const c = takeTurn().then(() => log.push('c'))
    await Promise.all([a, b, c])
    expect(log).toEqual(['a', 'a settled', 'b', 'c'])
    expect(yields).toHaveBeenCalledTimes(3)
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
    vi.stubGlobal('scheduler', { yield: messageChannelYield })
    const log: string[] = []
    const listener = (name: string) => (change: number) => {
      log.push(`${name} ${change}`)
      microtaskChain(200, () => log.push(`${name} settled`))
    }
    const told = tellEach([listener('a'), listener('b'), listener('c')], 7)
    expect(log).toEqual([]) // not in the caller's task
    await told // right after the last listener was told, before its own microtasks settle
    expect(log).toEqual(['a 7', 'a settled', 'b 7', 'b settled', 'c 7'])
  })

  it('shares the queue with takeTurn: a shelf waiting for its turn and a listener told later each get one, first come first served', async () => {
    vi.stubGlobal('scheduler', { yield: messageChannelYield })
    const log: string[] = []
    const first = takeTurn().then(() => log.push('first shelf'))
    const told = tellEach([() => log.push('x'), () => log.push('y')], undefined)
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
