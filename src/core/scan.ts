// The catalog-wide loops of a ranking, written for speed: one pass over the contiguous item
// vectors, four accumulators (independent chains the CPU can overlap: 2-3x faster in V8 than a
// single running sum), no allocation per item. A 100k-item shelf must rank within one frame.

/** out[i] = bias[i] + query . row i, for every row (out.length rows). */
export function dotScan(vectors: Float32Array, dim: number, query: Float32Array, out: Float32Array, bias?: Float32Array): Float32Array {
  const n = out.length
  const tail = dim & ~3
  for (let i = 0, o = 0; i < n; i++, o += dim) {
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0
    let d = 0
    for (; d < tail; d += 4) {
      s0 += query[d] * vectors[o + d]
      s1 += query[d + 1] * vectors[o + d + 1]
      s2 += query[d + 2] * vectors[o + d + 2]
      s3 += query[d + 3] * vectors[o + d + 3]
    }
    for (; d < dim; d++) s0 += query[d] * vectors[o + d]
    out[i] = (bias ? bias[i] : 0) + (s0 + s1) + (s2 + s3)
  }
  return out
}

/**
 * Two queries in one pass over the vectors (a "similar" shelf's anchor and the shopper's taste):
 * outA[i] = a . row i * scaleA[i], outB[i] = b . row i + biasB[i].
 */
export function dualDotScan(vectors: Float32Array, dim: number, a: Float32Array, scaleA: Float32Array, outA: Float32Array, b: Float32Array, biasB: Float32Array, outB: Float32Array): void {
  const n = outA.length
  const tail = dim & ~1
  for (let i = 0, o = 0; i < n; i++, o += dim) {
    let a0 = 0, a1 = 0, b0 = 0, b1 = 0
    let d = 0
    for (; d < tail; d += 2) {
      const x = vectors[o + d], y = vectors[o + d + 1]
      a0 += a[d] * x
      a1 += a[d + 1] * y
      b0 += b[d] * x
      b1 += b[d + 1] * y
    }
    if (d < dim) {
      a0 += a[d] * vectors[o + d]
      b0 += b[d] * vectors[o + d]
    }
    outA[i] = (a0 + a1) * scaleA[i]
    outB[i] = biasB[i] + (b0 + b1)
  }
}

// One table per vectors array: rebuilt when new weights bring new vectors (a new array), never
// per ranking. Whoever patches a vectors array in place must call forgetNorms(vectors).
const normCache = new WeakMap<Float32Array, Float32Array>()

/** 1 / |row i| for every row (0 for a zero row), cached per vectors array. */
export function inverseNorms(vectors: Float32Array, dim: number): Float32Array {
  let inv = normCache.get(vectors)
  if (inv) return inv
  const n = Math.floor(vectors.length / dim)
  inv = new Float32Array(n)
  for (let i = 0, o = 0; i < n; i++, o += dim) {
    let s = 0
    for (let d = 0; d < dim; d++) s += vectors[o + d] * vectors[o + d]
    inv[i] = s > 0 ? 1 / Math.sqrt(s) : 0
  }
  normCache.set(vectors, inv)
  return inv
}

/** Drops the cached norms of a vectors array that was changed in place. */
export function forgetNorms(vectors: Float32Array): void {
  normCache.delete(vectors)
}
