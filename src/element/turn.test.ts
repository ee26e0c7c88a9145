import { expect, it } from 'vitest'
import { takeTurn } from './turn'

it('gives each caller a task of its own, in call order', async () => {
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
