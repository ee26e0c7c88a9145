import { describe, expect, it } from 'vitest'
import { createRandom } from '../../core/random'
import { invertSpd } from './linalg'
import { createThreadPool, sharedFloat64 } from './linalg-threads'

describe('createThreadPool().invertSpdInPlace', () => {
  it('gives the serial inverse, bit for bit, on blocked sizes, and rebinds to new matrices', async () => {
    const pool = createThreadPool(3)
    try {
      for (const n of [150, 64, 7]) {
        const next = createRandom(n)
        const a = sharedFloat64(n * n)
        // A random SPD matrix: X^T X + n I with X 2n x n.
        for (let r = 0; r < 2 * n; r++) {
          const x = Array.from({ length: n }, () => next() - 0.5)
          for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) a[i * n + j] += x[i] * x[j]
        }
        for (let i = 0; i < n; i++) a[i * n + i] += n
        const serial = new Float64Array(n * n)
        invertSpd(a, n, serial, new Float64Array(n * n))
        pool.invertSpdInPlace(a, n, sharedFloat64(n * n))
        expect(a).toEqual(serial)
      }
    } finally {
      await pool.close()
    }
  })

  it('asks for shared memory', async () => {
    const pool = createThreadPool(1)
    try {
      expect(() => pool.invertSpdInPlace(new Float64Array(4), 2, new Float64Array(4))).toThrow(/shared memory.*sharedFloat64/)
    } finally {
      await pool.close()
    }
  })
})
