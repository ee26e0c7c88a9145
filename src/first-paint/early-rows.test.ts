import { describe, expect, it } from 'vitest'
import { earlyRows, HEAD_ROWS, WHOLE_BYTES } from './early-rows'

const rows = (headers: Record<string, string>) => earlyRows(new Headers(headers))

describe('earlyRows', () => {
  it('reads a catalogue of up to WHOLE_BYTES whole, a larger one by its first rows', () => {
    expect(rows({ 'content-length': '2' })).toBe(Infinity)
    expect(rows({ 'content-length': '310505' })).toBe(Infinity) // the demo shop's catalogue
    expect(rows({ 'content-length': String(WHOLE_BYTES) })).toBe(Infinity)
    expect(rows({ 'content-length': String(WHOLE_BYTES + 1) })).toBe(HEAD_ROWS)
    expect(rows({ 'content-length': '27524468' })).toBe(HEAD_ROWS)
  })

  it('judges the uncompressed size only: a compressed body, or one without a length, gives its first rows', () => {
    // 34 KB gzip'd is the 1k scale catalogue's 276 KB, and as much could be megabytes of rows.
    expect(rows({ 'content-length': '33888', 'content-encoding': 'gzip' })).toBe(HEAD_ROWS)
    expect(rows({ 'content-length': '33888', 'content-encoding': 'br' })).toBe(HEAD_ROWS)
    expect(rows({})).toBe(HEAD_ROWS)
    expect(rows({ 'content-length': 'junk' })).toBe(HEAD_ROWS)
  })
})
