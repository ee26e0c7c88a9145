import { describe, expect, it } from 'vitest'
import { retentionCut } from './retention'

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i)

describe('retentionCut', () => {
  it('drops nothing within both limits', () => {
    expect(retentionCut(range(1, 5), [], 5)).toEqual([])
  })

  it('drops the oldest seqs beyond maxEvents', () => {
    expect(retentionCut(range(1, 8), [], 5).sort((a, b) => a - b)).toEqual([1, 2, 3])
  })

  it('drops expired events wherever they are, and counts them toward the excess', () => {
    // 7 and 8 expired (an old ts replayed late), leaving 6: one more must go, the oldest kept one.
    expect(retentionCut(range(1, 8), [7, 8], 5).sort((a, b) => a - b)).toEqual([1, 7, 8])
    // Expiry alone brings the count under the limit.
    expect(retentionCut(range(1, 8), [1, 2, 3, 4], 5).sort((a, b) => a - b)).toEqual([1, 2, 3, 4])
  })

  it('treats a non-positive limit as keeping nothing', () => {
    expect(retentionCut(range(1, 3), [], 0).sort()).toEqual([1, 2, 3])
    expect(retentionCut(range(1, 3), [], -1).sort()).toEqual([1, 2, 3])
  })
})
