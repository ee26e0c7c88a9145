import { describe, expect, it } from 'vitest'
import type { Neighbors } from '../src/core/types'
import { solveSpd } from '../src/eval/baselines/linalg'
import { refitNeighbors } from './neighbor-refit'

describe('solveSpd', () => {
  it('solves a small SPD system', () => {
    const a = Float64Array.from([4, 2, 0, 2, 5, 1, 0, 1, 3])
    const b = Float64Array.from([2, 1, 4])
    solveSpd(a, b, 3)
    // A x = b checked against the original matrix
    const A = [[4, 2, 0], [2, 5, 1], [0, 1, 3]]
    const want = [2, 1, 4]
    for (let i = 0; i < 3; i++) expect(A[i].reduce((s, v, j) => s + v * b[j], 0)).toBeCloseTo(want[i], 10)
  })
})

describe('refitNeighbors', () => {
  // 4 items; users: {0,1}, {0,1,2}, {1,2}, {2,3}, {0,3}
  const rows = [[0, 1], [0, 1, 2], [1, 2], [2, 3], [0, 3]].map((r) => Int32Array.from(r))
  const G = [[3, 2, 1, 1], [2, 3, 2, 0], [1, 2, 3, 1], [1, 0, 1, 2]]

  it('solves each column ridge regression on its support, by hand', () => {
    // Lists: 0 -> [1, 2], 1 -> [2, -], 2 -> [-], 3 -> [2, -]
    const nb: Neighbors = { k: 2, index: Int32Array.from([1, 2, 2, -1, -1, -1, 2, -1]), weight: new Float32Array(8), scale: 1 }
    const lambda = 1
    refitNeighbors(nb, 4, rows, lambda)
    // Column 1: support {0}: b = G01 / (G00 + lambda) = 2 / 4
    expect(nb.weight[0]).toBeCloseTo(0.5, 6)
    // Column 2: support {0, 1, 3}: solve (G_SS + I) b = G_S2 with S = [0, 1, 3]
    const S = [0, 1, 3]
    const a = Float64Array.from(S.flatMap((r) => S.map((c) => G[r][c] + (r === c ? lambda : 0))))
    const b = Float64Array.from(S.map((r) => G[r][2]))
    solveSpd(a, b, 3)
    expect(nb.weight[1]).toBeCloseTo(b[0], 6) // 0 -> 2
    expect(nb.weight[2]).toBeCloseTo(b[1], 6) // 1 -> 2
    expect(nb.weight[6]).toBeCloseTo(b[2], 6) // 3 -> 2
    expect([...nb.index]).toEqual([1, 2, 2, -1, -1, -1, 2, -1]) // lists unchanged
  })
})
