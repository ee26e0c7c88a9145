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
