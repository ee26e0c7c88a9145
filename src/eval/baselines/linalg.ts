// Dense symmetric linear algebra for EASE, in plain Float64Array code. Every heavy step is one
// kernel (gemmNT: C += alpha * A * B^T over row-major blocks) so that only that loop has to be
// fast: it keeps 2 x 4 dot products in registers and walks both operands contiguously, which is
// what V8 turns into the tightest scalar loop (no SIMD in plain JS).

// The block functions below reference no module-level value but each other, so that
// linalg-threads.ts can ship their source text to worker threads.

/** Column-block width of the Cholesky and inverse; the unblocked parts cost O(n^2 * BS). */
export const BS = 64

/**
 * C[i, j] += alpha * sum_k A[i, k] * B[j, k] for i < m, j < n, k < depth. All three are blocks of
 * row-major matrices with the same leading dimension `ld`, starting at the given offsets.
 */
export function gemmNT(
  m: number, n: number, depth: number,
  a: Float64Array, ai: number, b: Float64Array, bi: number,
  c: Float64Array, ci: number, ld: number, alpha: number,
): void {
  // Block sizes for this 2-core EPYC (512 KB L2 per core): a 64-row x 256-column panel of B is
  // 128 KB, so it stays in L2 while rows of A stream past it. With them the n^3 inverse runs at
  // ~4.7 GFlop/s on an idle core (4000 x 4000 in 13.5 s); other block sizes were not tried.
  const KC = 256
  const NC = 64
  for (let k0 = 0; k0 < depth; k0 += KC) {
    const kl = Math.min(KC, depth - k0)
    for (let j0 = 0; j0 < n; j0 += NC) {
      const jl = Math.min(NC, n - j0)
      let i = 0
      for (; i + 1 < m; i += 2) {
        const a0 = ai + i * ld + k0
        const a1 = a0 + ld
        const c0 = ci + i * ld + j0
        const c1 = c0 + ld
        let j = 0
        for (; j + 3 < jl; j += 4) {
          const b0 = bi + (j0 + j) * ld + k0
          const b1 = b0 + ld, b2 = b1 + ld, b3 = b2 + ld
          let s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0
          for (let t = 0; t < kl; t++) {
            const x0 = a[a0 + t], x1 = a[a1 + t]
            const y0 = b[b0 + t], y1 = b[b1 + t], y2 = b[b2 + t], y3 = b[b3 + t]
            s00 += x0 * y0; s01 += x0 * y1; s02 += x0 * y2; s03 += x0 * y3
            s10 += x1 * y0; s11 += x1 * y1; s12 += x1 * y2; s13 += x1 * y3
          }
          c[c0 + j] += alpha * s00; c[c0 + j + 1] += alpha * s01; c[c0 + j + 2] += alpha * s02; c[c0 + j + 3] += alpha * s03
          c[c1 + j] += alpha * s10; c[c1 + j + 1] += alpha * s11; c[c1 + j + 2] += alpha * s12; c[c1 + j + 3] += alpha * s13
        }
        for (; j < jl; j++) {
          const b0 = bi + (j0 + j) * ld + k0
          let s0 = 0, s1 = 0
          for (let t = 0; t < kl; t++) { const y = b[b0 + t]; s0 += a[a0 + t] * y; s1 += a[a1 + t] * y }
          c[c0 + j] += alpha * s0
          c[c1 + j] += alpha * s1
        }
      }
      for (; i < m; i++) {
        const a0 = ai + i * ld + k0
        const c0 = ci + i * ld + j0
        for (let j = 0; j < jl; j++) {
          const b0 = bi + (j0 + j) * ld + k0
          let s = 0
          for (let t = 0; t < kl; t++) s += a[a0 + t] * b[b0 + t]
          c[c0 + j] += alpha * s
        }
      }
    }
  }
}

/**
 * In-place Cholesky factorisation A = L L^T of a symmetric positive definite n x n matrix
 * (row-major; only the lower triangle is read). On return the lower triangle holds L and the
 * upper triangle is zero. Throws when A is not positive definite (for EASE: lambda too small).
 */
export function cholesky(w: Float64Array, n: number): void {
  for (let j0 = 0; j0 < n; j0 += BS) {
    const jb = Math.min(BS, n - j0)
    choleskyDiagonal(w, n, j0, jb)
    choleskyRows(w, n, j0, jb, j0 + jb, n)
  }
  for (let i = 0; i < n; i++) w.fill(0, i * n + i + 1, (i + 1) * n)
}

/**
 * Left-looking blocked Cholesky, first half of block column j0: bring its diagonal block up to
 * date with every finished column, then factor it.
 */
export function choleskyDiagonal(w: Float64Array, n: number, j0: number, jb: number): void {
  if (j0 > 0) gemmNT(jb, jb, j0, w, j0 * n, w, j0 * n, w, j0 * n + j0, n, -1)
  for (let j = j0; j < j0 + jb; j++) {
    const rj = j * n
    let d = w[rj + j]
    for (let k = j0; k < j; k++) d -= w[rj + k] * w[rj + k]
    if (!(d > 0)) throw new Error(`matrix is not positive definite at row ${j} (pivot ${d}); use a larger regularisation`)
    const ljj = Math.sqrt(d)
    w[rj + j] = ljj
    for (let i = j + 1; i < j0 + jb; i++) {
      const ri = i * n
      let s = w[ri + j]
      for (let k = j0; k < j; k++) s -= w[ri + k] * w[rj + k]
      w[ri + j] = s / ljj
    }
  }
}

/**
 * Second half of block column j0, for rows [r0, r1) below its factored diagonal block: update
 * them with every finished column, then solve against the diagonal block. Rows are independent.
 */
export function choleskyRows(w: Float64Array, n: number, j0: number, jb: number, r0: number, r1: number): void {
  if (r1 <= r0) return
  if (j0 > 0) gemmNT(r1 - r0, jb, j0, w, r0 * n, w, j0 * n, w, r0 * n + j0, n, -1)
  for (let i = r0; i < r1; i++) {
    const ri = i * n
    for (let j = j0; j < j0 + jb; j++) {
      const rj = j * n
      let s = w[ri + j]
      for (let k = j0; k < j; k++) s -= w[ri + k] * w[rj + k]
      w[ri + j] = s / w[rj + j]
    }
  }
}

/**
 * Inverse of a lower-triangular L, returned transposed: mt[j * n + i] = (L^-1)[i][j] (upper
 * triangular, rest zero). Stored transposed so that both the recursion below and the product
 * L^-T L^-1 read rows contiguously.
 */
export function invertLowerTransposed(l: Float64Array, n: number, mt: Float64Array): void {
  mt.fill(0)
  const t = new Float64Array(BS * n) // T block, row stride n to share gemmNT's leading dimension
  for (let j0 = 0; j0 < n; j0 += BS) invertColumnBlock(l, n, mt, j0, BS, t)
}

/**
 * Block column [j0, j0 + bs) of M = L^-1 (rows of mt, which must be zero there): independent of
 * the other block columns. `t` is bs x n scratch.
 */
export function invertColumnBlock(l: Float64Array, n: number, mt: Float64Array, j0: number, bs: number, t: Float64Array): void {
  const jb = Math.min(bs, n - j0)
  // Diagonal block: plain forward substitution, column by column of M (= row of mt).
  for (let j = j0; j < j0 + jb; j++) {
    const rj = j * n
    mt[rj + j] = 1 / l[rj + j]
    for (let i = j + 1; i < j0 + jb; i++) {
      const ri = i * n
      let s = 0
      for (let k = j; k < i; k++) s += l[ri + k] * mt[rj + k]
      mt[rj + i] = -s / l[ri + i]
    }
  }
  for (let i0 = j0 + jb; i0 < n; i0 += bs) {
    const ib = Math.min(bs, n - i0)
    // T = L[I, J..I) * M[J..I, J], i.e. rows of L against rows of mt, both contiguous.
    for (let r = 0; r < ib; r++) t.fill(0, r * n, r * n + jb)
    gemmNT(ib, jb, i0 - j0, l, i0 * n + j0, mt, j0 * n + j0, t, 0, n, 1)
    // M[I, J] = -L[I, I]^-1 T, by forward substitution inside the block.
    for (let j = 0; j < jb; j++) {
      const rj = (j0 + j) * n
      for (let i = 0; i < ib; i++) {
        const ri = (i0 + i) * n
        let s = t[i * n + j]
        for (let k = 0; k < i; k++) s += l[ri + i0 + k] * mt[rj + i0 + k]
        mt[rj + i0 + i] = -s / l[ri + i0 + i]
      }
    }
  }
}

/**
 * Row block [i0, i0 + bs) of the lower triangle of P = M^T M from mt (= M^T, upper triangular):
 * P[i][j] = sum_{k >= max(i, j)} mt[i][k] * mt[j][k]. Zeroes those rows of `p` first.
 */
export function productRowBlock(mt: Float64Array, p: Float64Array, n: number, i0: number, bs: number): void {
  const ib = Math.min(bs, n - i0)
  p.fill(0, i0 * n, (i0 + ib) * n)
  for (let j0 = 0; j0 <= i0; j0 += bs) {
    const jb = Math.min(bs, n - j0)
    gemmNT(ib, jb, n - i0, mt, i0 * n + i0, mt, j0 * n + i0, p, i0 * n + j0, n, 1)
  }
}

/** Copies the lower triangle onto the upper one. */
export function symmetrize(a: Float64Array, n: number): void {
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) a[j * n + i] = a[i * n + j]
}

/**
 * Inverse of a symmetric positive definite n x n matrix: a is read and left unchanged; the full
 * (both triangles) inverse is written to `out`. `work` is an n x n scratch array. Costs n^3 flops.
 */
export function invertSpd(a: Float64Array, n: number, out: Float64Array, work: Float64Array): void {
  out.set(a.subarray(0, n * n))
  invertSpdInPlace(out, n, work)
}

/**
 * Inverse of a symmetric positive definite n x n matrix in place: `a` (only its lower triangle is
 * read) is overwritten by the full inverse. With the n x n scratch `work` that is two n x n buffers
 * in all, the least a dense inverse of the whole catalogue needs (18k items: 2 x 2.6 GB).
 * Blocked Cholesky (n^3/3 flops), the factor's triangular inverse (n^3/3) and the product
 * L^-T L^-1 (n^3/3): n^3 flops, all of it in gemmNT. `progress` hears when each of the first two
 * thirds is done (a large fit runs for minutes).
 */
export function invertSpdInPlace(a: Float64Array, n: number, work: Float64Array, progress?: (step: string) => void): void {
  cholesky(a, n)
  progress?.('Cholesky factor')
  invertLowerTransposed(a, n, work)
  progress?.('triangular inverse')
  // L is no longer needed: P overwrites it.
  for (let i0 = 0; i0 < n; i0 += BS) productRowBlock(work, a, n, i0, BS)
  symmetrize(a, n)
}

/**
 * Solves A x = b for a symmetric positive definite n x n matrix A (row-major; overwritten by its
 * Cholesky factor) and writes x into b. For the many small systems of a sparse refit, where the
 * blocked inverse above would be wasted.
 */
export function solveSpd(a: Float64Array, b: Float64Array, n: number): void {
  cholesky(a, n)
  for (let i = 0; i < n; i++) {
    let s = b[i]
    for (let k = 0; k < i; k++) s -= a[i * n + k] * b[k]
    b[i] = s / a[i * n + i]
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i]
    for (let k = i + 1; k < n; k++) s -= a[k * n + i] * b[k]
    b[i] = s / a[i * n + i]
  }
}
