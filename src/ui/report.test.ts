import { afterEach, expect, it, vi } from 'vitest'
import { reportOnce } from './report'

afterEach(() => vi.restoreAllMocks())

it('logs the first error once, prefixed Localshelf:, and ignores the rest', () => {
  const log = vi.spyOn(console, 'error').mockImplementation(() => {})
  const report = reportOnce(() => 'the "for-you" shelf')
  const first = new Error('boom')
  report(first)
  report(new Error('again'))
  expect(log).toHaveBeenCalledTimes(1)
  expect(log.mock.calls[0][0]).toMatch(/^Localshelf: the "for-you" shelf failed/)
  expect(log.mock.calls[0][1]).toBe(first)
  // Each reporter is independent: another shelf still gets its line.
  reportOnce(() => 'other')(new Error('x'))
  expect(log).toHaveBeenCalledTimes(2)
})
