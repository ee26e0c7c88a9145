import { describe, expect, it } from 'vitest'
import { createRandom } from '../../core/random'
import { cholesky, gemmNT, invertSpd, invertSpdInPlace } from './linalg'

/** A random symmetric positive definite matrix: X^T X + n I. */
function spd(n: number, seed: number): Float64Array {
  const next = createRandom(seed)
  const x = Array.from({ length: n * 2 }, () => Array.from({ length: n }, () => next() - 0.5))
  const a = new Float64Array(n * n)
  for (const row of x) for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] += row[i] * row[j]
  for (let i = 0; i < n; i++) a[i * n + i] += n / 10
  return a
}

describe('gemmNT', () => {
  it('matches the naive product on odd shapes and offsets (kernel remainders, several k blocks)', () => {
    const ld = 300
    const next = createRandom(3)
    const a = Float64Array.from({ length: ld * ld }, () => next())
    const b = Float64Array.from({ length: ld * ld }, () => next())
    const c = new Float64Array(ld * ld).fill(1)
    const [m, n, k, ai, bi, ci] = [7, 70, 290, 3, ld + 5, 2 * ld + 1]
    gemmNT(m, n, k, a, ai, b, bi, c, ci, ld, -2)
    for (let i = 0; i < m; i++) {
      for (let j = 0; j < n; j++) {
        let s = 0
        for (let t = 0; t < k; t++) s += a[ai + i * ld + t] * b[bi + j * ld + t]
        expect(c[ci + i * ld + j]).toBeCloseTo(1 - 2 * s, 9)
      }
    }
    expect(c[0]).toBe(1) // outside the block: untouched
  })
})

describe('cholesky', () => {
  it('factors a 3 x 3 matrix solved by hand', () => {
    // [[4, 2, 2], [2, 5, 3], [2, 3, 6]] = L L^T with L = [[2, 0, 0], [1, 2, 0], [1, 1, 2]]
    const a = Float64Array.from([4, 2, 2, 2, 5, 3, 2, 3, 6])
    cholesky(a, 3)
    expect([...a]).toEqual([2, 0, 0, 1, 2, 0, 1, 1, 2])
  })

  it('says what to do when the matrix is not positive definite', () => {
    expect(() => cholesky(Float64Array.from([1, 2, 2, 1]), 2)).toThrow(/not positive definite.*larger regularisation/)
  })
})

describe('invertSpd', () => {
  for (const n of [1, 5, 64, 65, 150]) {
    it(`inverts a random ${n} x ${n} SPD matrix (A P = I) and leaves A unchanged`, () => {
      const a = spd(n, n)
      const copy = a.slice()
      const p = new Float64Array(n * n)
      invertSpd(a, n, p, new Float64Array(n * n))
      expect(a).toEqual(copy)
      let worst = 0
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          let s = 0
          for (let k = 0; k < n; k++) s += a[i * n + k] * p[k * n + j]
          worst = Math.max(worst, Math.abs(s - (i === j ? 1 : 0)))
          expect(p[i * n + j]).toBe(p[j * n + i])
        }
      }
      expect(worst).toBeLessThan(1e-10)
    })
  }
})

describe('invertSpdInPlace', () => {
  it('overwrites a 3 x 3 matrix with its inverse computed by hand', () => {
    // A = [[4, 2, 0], [2, 3, 1], [0, 1, 2]], det 12, adjugate [[5, -4, 2], [-4, 8, -4], [2, -4, 8]].
    const a = Float64Array.from([4, 2, 0, 2, 3, 1, 0, 1, 2])
    invertSpdInPlace(a, 3, new Float64Array(9))
    const expected = [5, -4, 2, -4, 8, -4, 2, -4, 8].map((v) => v / 12)
    expected.forEach((v, i) => expect(a[i]).toBeCloseTo(v, 14))
  })

  it('agrees with invertSpd on a blocked size (several 64-wide blocks and a remainder)', () => {
    const n = 150
    const a = spd(n, 7)
    const p = new Float64Array(n * n)
    invertSpd(a, n, p, new Float64Array(n * n))
    invertSpdInPlace(a, n, new Float64Array(n * n))
    expect(a).toEqual(p)
  })
})
