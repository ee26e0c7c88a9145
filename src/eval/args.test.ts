import { describe, expect, it } from 'vitest'
import { parseEvalArgs } from './args'

describe('parseEvalArgs', () => {
  it('defaults to both protocols and seed 1', () => {
    expect(parseEvalArgs(['--data', 'd'])).toEqual({ data: 'd', protocols: ['loo', 'new-shopper'], json: undefined, seed: 1 })
  })

  it('reads every option, with or without "="', () => {
    expect(parseEvalArgs(['--data=d', '--protocol', 'new-shopper', '--json', 'out.json', '--seed=7']))
      .toEqual({ data: 'd', protocols: ['new-shopper'], json: 'out.json', seed: 7 })
  })

  it('takes session alone or all three protocols', () => {
    expect(parseEvalArgs(['--data', 'd', '--protocol', 'session']).protocols).toEqual(['session'])
    expect(parseEvalArgs(['--data', 'd', '--protocol', 'all']).protocols).toEqual(['loo', 'new-shopper', 'session'])
  })

  it('explains mistakes and shows the usage', () => {
    expect(() => parseEvalArgs([])).toThrow(/--data DIR is required[\s\S]*usage: localshelf eval/)
    expect(() => parseEvalArgs(['--data', 'd', '--protocol', 'holdout'])).toThrow(/--protocol must be loo, new-shopper, session, both \(loo \+ new-shopper\) or all/)
    expect(() => parseEvalArgs(['--data', 'd', '--seed', '-3'])).toThrow(/--seed must be a non-negative integer/)
    expect(() => parseEvalArgs(['--data', '--json', 'x'])).toThrow(/--data needs a value/)
    expect(() => parseEvalArgs(['--data', 'd', '--fast'])).toThrow(/unknown argument "--fast"/)
  })
})
