import { describe, expect, it } from 'vitest'
import { DEFAULT_LIMIT, parseLimit } from './limit'

describe('parseLimit', () => {
  it('defaults to 10 when missing or unreadable', () => {
    expect(DEFAULT_LIMIT).toBe(10)
    for (const value of [null, undefined, '', '   ', 'abc', 'ten', NaN, {}, true]) expect(parseLimit(value), String(value)).toBe(10)
  })

  it('reads whole numbers from attribute strings and numbers', () => {
    expect(parseLimit('12')).toBe(12)
    expect(parseLimit(' 7 ')).toBe(7)
    expect(parseLimit('3.9')).toBe(3)
    expect(parseLimit(5)).toBe(5)
  })

  it('clamps to 1..50', () => {
    expect(parseLimit('0')).toBe(1)
    expect(parseLimit('-3')).toBe(1)
    expect(parseLimit('51')).toBe(50)
    expect(parseLimit('1e3')).toBe(50)
    expect(parseLimit(Infinity)).toBe(50)
    expect(parseLimit(-Infinity)).toBe(1)
  })
})
