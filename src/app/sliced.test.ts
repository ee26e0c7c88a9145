import { describe, expect, it } from 'vitest'
import { runSliced } from './sliced'

describe('runSliced', () => {
  // A clock that advances 1 ms per step: the slicing is checked by structure, not by timing.
  function work(total: number) {
    let clock = 0
    const done: number[] = []
    function* steps() {
      for (let i = 0; i < total; i++) {
        done.push(i)
        clock++
        yield 1
      }
      return 'result'
    }
    return { steps: steps(), done, now: () => clock }
  }

  it('runs one slice in the calling task, the rest in later tasks, and returns the result', async () => {
    const { steps, done, now } = work(10)
    const running = runSliced(steps, 3, now)
    expect(done).toEqual([0, 1, 2]) // the first slice, then the thread goes back to the page
    await Promise.resolve()
    expect(done).toHaveLength(3) // a microtask is not a new task
    expect(await running).toBe('result')
    expect(done).toHaveLength(10)
  })
})
