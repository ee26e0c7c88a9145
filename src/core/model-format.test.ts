import { gzipSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { decodeShopModel, encodeShopModel, type ModelManifest, type ShopModel } from './model-format'
import { encoderShapes, initEncoder } from './encoder'
import { createRandom } from './random'
import { initWeights, remapWeights } from './weights'

const roundTrip = (model: ShopModel, ...rest: Parameters<typeof encodeShopModel> extends [unknown, ...infer R] ? R : never) => {
  const { manifest, bin } = encodeShopModel(model, ...rest)
  return { manifest, back: decodeShopModel(JSON.parse(JSON.stringify(manifest)), bin.slice().buffer as ArrayBuffer) }
}

/** The neighbour rows as sets of (index, weight), whatever order they are stored in. */
const rows = (nb: { k: number; index: Int32Array; weight: Float32Array }) =>
  Array.from({ length: nb.index.length / nb.k }, (_, r) => {
    const row: Array<[number, number]> = []
    for (let s = r * nb.k; s < (r + 1) * nb.k && nb.index[s] >= 0; s++) row.push([nb.index[s], nb.weight[s]])
    return row.sort((a, b) => a[0] - b[0])
  })

describe('shop model files', () => {
  const weights = initWeights(['a', 'b', 'c'], { buckets: 16, dim: 4, seed: 3 })
  weights.tokenEmb[5] += 0.25 // trained: the token table must be stored
  weights.itemEmb.set([0.5, -1, 0.25, 0, 0, 0, 0, 0, 2, 1, -2, 0.5])
  weights.itemBias.set([0.1, -0.2, 0.3])
  weights.neighbors = { k: 2, index: Int32Array.from([2, 1, 0, -1, 0, 1]), weight: Float32Array.from([0.25, 0.5, 0.1, 0, -0.35, 0.2]), scale: 64 }
  const model = { weights, popularity: Float32Array.from([5, 1, 3]), maxTokens: 8, contentWeight: 0.5 }

  it('round-trips: int8 embeddings within half a step, neighbour rows as sets, bf16 biases', () => {
    const { back, manifest } = roundTrip(model, { epochs: 1 }, { embedding: 8, neighbor: 8 }, 3)
    expect(manifest.tokenSeed).toBeUndefined()
    expect(back.weights.itemIds).toEqual(['a', 'b', 'c'])
    // Half an int8 step of the row's max, plus bf16's 0.4% on the scale.
    for (let i = 0; i < 12; i++) expect(Math.abs(back.weights.itemEmb[i] - weights.itemEmb[i])).toBeLessThanOrEqual(2 / 127 / 2 + 2 * 0.004)
    for (let i = 0; i < weights.tokenEmb.length; i++) expect(back.weights.tokenEmb[i]).toBeCloseTo(weights.tokenEmb[i], 2)
    for (let i = 0; i < 3; i++) expect(Math.abs(back.weights.itemBias[i] - weights.itemBias[i])).toBeLessThanOrEqual(0.004 * Math.abs(weights.itemBias[i]))
    const got = rows(back.weights.neighbors!)
    expect(got.map((r) => r.map(([j]) => j))).toEqual([[1, 2], [0], [0, 1]])
    got.flat().forEach(([, w], i) => expect(w).toBeCloseTo(rows(weights.neighbors!).flat()[i][1], 2))
    expect(back.weights.neighbors!.scale).toBe(64)
    expect([...back.popularity]).toEqual([5, 1, 3])
  })

  it('stores 4-bit values within half a 4-bit step', () => {
    const { back, manifest } = roundTrip(model, {}, { embedding: 4, neighbor: 4 })
    expect(manifest.sections.find((s) => s.name === 'itemEmb')!.encoding).toBe('int4')
    for (let i = 0; i < 12; i++) {
      const rowMax = [1, 0, 2][(i / 4) | 0]
      expect(Math.abs(back.weights.itemEmb[i] - weights.itemEmb[i])).toBeLessThanOrEqual(rowMax / 7 / 2 + 0.004 * rowMax)
    }
    // Exactly representable values come back exactly (up to bf16 on the scale): signs included.
    expect(rows(back.weights.neighbors!)[2].map(([, w]) => Math.round(w * 100) / 100)).toEqual([-0.35, 0.2])
  })

  it('does not store a token table that is still the seeded projection, and rebuilds it', () => {
    const fresh = initWeights(['a', 'b'], { buckets: 16, dim: 4, seed: 7 })
    const { back, manifest } = roundTrip({ ...model, weights: fresh }, {}, undefined, 7)
    expect(manifest.tokenSeed).toBe(7)
    expect(manifest.sections.some((s) => s.name === 'tokenEmb')).toBe(false)
    expect([...back.weights.tokenEmb]).toEqual([...fresh.tokenEmb])
  })

  it('codes indices of catalogs over 65k items in 4-byte gaps', () => {
    const ids = Array.from({ length: 70_000 }, (_, i) => `i${i}`)
    const big = initWeights(ids, { buckets: 4, dim: 2 })
    const index = new Int32Array(ids.length * 2).fill(-1)
    index.set([69_999, 3], 0)
    index.set([66_000], 2 * 100)
    big.neighbors = { k: 2, index, weight: new Float32Array(index.length).fill(1), scale: 1 }
    const { back, manifest } = roundTrip({ ...model, weights: big, popularity: new Float32Array(ids.length) })
    expect(manifest.sections.find((s) => s.name === 'neighborIndex')!.encoding).toBe('gaps4')
    expect([...back.weights.neighbors!.index.slice(0, 2)]).toEqual([3, 69_999])
    expect([...back.weights.neighbors!.index.slice(200, 202)]).toEqual([66_000, -1])
  })

  it('still reads version 1 files (int8 and uint16 sections)', () => {
    const f32 = (a: number[]) => new Uint8Array(Float32Array.from(a).buffer)
    const parts: Array<[string, ModelManifest['sections'][number]['dtype'], Uint8Array, number]> = [
      ['tokenScale', 'float32', f32([0.01, 0.01]), 2],
      ['itemScale', 'float32', f32([0.5]), 1],
      ['itemBias', 'float32', f32([0.25]), 1],
      ['w', 'float32', f32([1]), 1],
      ['neighborScale', 'float32', f32([0.1]), 1],
      ['neighborIndex', 'uint16', new Uint8Array(Uint16Array.from([0, 65535]).buffer), 2],
      ['neighborWeight', 'int8', new Uint8Array(Int8Array.from([5, 0]).buffer), 2],
      ['tokenEmb', 'int8', new Uint8Array(Int8Array.from([100, -100]).buffer), 2],
      ['itemEmb', 'int8', new Uint8Array(Int8Array.from([-2]).buffer), 1],
    ]
    let offset = 0
    const sections = parts.map(([name, dtype, bytes, length]) => {
      offset = Math.ceil(offset / 4) * 4
      const s = { name, dtype, length, offset }
      offset += bytes.length
      return s
    })
    const bin = new Uint8Array(offset)
    parts.forEach(([, , bytes], i) => bin.set(bytes, sections[i].offset))
    const manifest: ModelManifest = { format: 'localshelf-model', version: 1, dim: 1, buckets: 2, maxTokens: 4, contentWeight: 0.5, itemIds: ['x'], popularity: [2], neighbors: { k: 2, scale: 8 }, weights: 'weights.bin', sections }
    const back = decodeShopModel(manifest, bin.buffer)
    expect([...back.weights.tokenEmb].map((v) => Math.round(v * 100) / 100)).toEqual([1, -1])
    expect([...back.weights.itemEmb]).toEqual([-1])
    expect([...back.weights.neighbors!.index]).toEqual([0, -1])
    expect(back.weights.neighbors!.weight[0]).toBeCloseTo(0.5, 5)
  })

  it('rejects other files and truncated weights with a message saying what to do', () => {
    const { manifest, bin } = encodeShopModel(model)
    expect(() => decodeShopModel({ ...manifest, format: 'x' as 'localshelf-model' }, bin.buffer as ArrayBuffer)).toThrow(/localshelf pretrain/)
    expect(() => decodeShopModel({ ...manifest, version: 99 }, bin.buffer as ArrayBuffer)).toThrow(/localshelf pretrain/)
    expect(() => decodeShopModel(manifest, bin.slice(0, 20).buffer as ArrayBuffer)).toThrow(/truncated/)
  })

  it('fits a 10k-item shop in 1 MB gzip, even with every section trained and incompressible', () => {
    // The worst case for gzip: random trained tables, and neighbour lists spread uniformly over the
    // catalog (real ones cluster on popular items, so their gaps are smaller).
    const n = 10_000, k = 32, random = createRandom(5)
    const noise = () => random() + random() + random() - 1.5
    const big = initWeights(Array.from({ length: n }, (_, i) => `SKU-${100_000 + i * 7}`), { buckets: 4096, dim: 32 })
    for (const table of [big.tokenEmb, big.itemEmb, big.itemBias]) for (let i = 0; i < table.length; i++) table[i] = noise()
    const index = new Int32Array(n * k)
    const weight = Float32Array.from({ length: n * k }, (_, i) => noise() * 0.01 * 0.9 ** (i % k))
    for (let r = 0; r < n; r++) {
      const row = new Set<number>()
      while (row.size < k) row.add(Math.floor(random() * n))
      index.set([...row], r * k)
    }
    big.neighbors = { k, index, weight, scale: 1024 }
    const popularity = Float32Array.from({ length: n }, () => Math.floor(random() ** 3 * 500))
    const { manifest, bin } = encodeShopModel({ ...model, weights: big, popularity })
    const bytes = gzipSync(bin).length + gzipSync(JSON.stringify(manifest)).length
    expect(bytes).toBeLessThanOrEqual(1_000_000)
  })

  it('stores non-negative neighbour lists as unsigned 4-bit (16 levels), lists with a negative weight as int8', () => {
    const cosine = { ...weights.neighbors!, weight: Float32Array.from([0.25, 0.5, 0.1, 0, 0.35, 0.2]) }
    const { back, manifest } = roundTrip({ ...model, weights: { ...weights, neighbors: cosine } })
    expect(manifest.version).toBe(4)
    expect(manifest.sections.find((s) => s.name === 'neighborWeight')!.encoding).toBe('uint4')
    // Half a step of max/15 (plus bf16 on the scale): finer than signed 4-bit's max/7.
    rows(back.weights.neighbors!).flat().forEach(([, w], i) => expect(Math.abs(w - rows(cosine).flat()[i][1])).toBeLessThanOrEqual(0.5 / 15 / 2 + 0.004 * 0.5))
    // 0.5 / 15 * 3 = 0.1: a level exactly.
    expect(rows(back.weights.neighbors!)[1][0][1]).toBeCloseTo(0.1, 3)
    // EASE rows carry negative weights (signal too): int8 keeps their sign and precision.
    const signed = roundTrip(model).manifest.sections.find((s) => s.name === 'neighborWeight')!
    expect([signed.dtype, signed.encoding]).toEqual(['int8', undefined])
  })

  it('reads version 3 files: int8 neighbour weights, bf16 encoder', () => {
    const withEncoder = { ...weights, encoder: initEncoder({ dim: 4, maxLen: 3, blocks: 1, heads: 1 }, 2) }
    const { manifest, bin } = encodeShopModel({ ...model, weights: withEncoder }, {}, { embedding: 4, neighbor: 8, encoder: 16 })
    const back = decodeShopModel({ ...JSON.parse(JSON.stringify(manifest)), version: 3 }, bin.slice().buffer as ArrayBuffer).weights
    expect(manifest.sections.find((s) => s.name === 'encoder.b0.wq')!.encoding).toBe('bf16')
    for (const [name, values] of Object.entries(withEncoder.encoder.params)) values.forEach((v, i) => expect(Math.abs(back.encoder!.params[name][i] - v)).toBeLessThanOrEqual(Math.abs(v) / 256 + 1e-30))
    expect(rows(back.neighbors!)[2].map(([, w]) => Math.round(w * 100) / 100)).toEqual([-0.35, 0.2])
  })

  it('version 4 stores the encoder matrices as int8 rows (within half a step) and its vectors as bf16', () => {
    const encoder = initEncoder({ dim: 8, maxLen: 5, blocks: 1, heads: 1 }, 4)
    const random = createRandom(9)
    for (const a of Object.values(encoder.params)) for (let i = 0; i < a.length; i++) a[i] += (random() - 0.5) * 0.2
    const { back, manifest } = roundTrip({ ...model, weights: { ...weights, encoder } })
    expect(manifest.sections.find((s) => s.name === 'encoder.b0.w1')!.dtype).toBe('int8')
    expect(manifest.sections.find((s) => s.name === 'encoder.b0.ln1.g')!.encoding).toBe('bf16')
    for (const [name, shape] of encoderShapes(encoder.config)) {
      const width = shape[shape.length - 1]
      const values = encoder.params[name]
      values.forEach((v, i) => {
        const row = values.subarray(i - (i % width), i - (i % width) + width)
        const bound = shape.length === 2 ? Math.max(...row.map(Math.abs)) * (0.5 / 127 + 0.004) : Math.abs(v) / 256
        expect(Math.abs(back.weights.encoder!.params[name][i] - v)).toBeLessThanOrEqual(bound + 1e-30)
      })
    }
  })

  it('a 10k-item d=64 model with the sequence encoder fits 1 MB gzip', () => {
    const n = 10_000, random = createRandom(6)
    const noise = () => random() + random() + random() - 1.5
    const big = initWeights(Array.from({ length: n }, (_, i) => `SKU-${100_000 + i * 7}`), { buckets: 4096, dim: 64 })
    for (const table of [big.tokenEmb, big.itemEmb, big.itemBias]) for (let i = 0; i < table.length; i++) table[i] = noise()
    big.encoder = initEncoder({ dim: 64, maxLen: 50, blocks: 2, heads: 1 }, 3)
    for (const a of Object.values(big.encoder.params)) for (let i = 0; i < a.length; i++) a[i] += noise() * 0.1
    const popularity = Float32Array.from({ length: n }, () => Math.floor(random() ** 3 * 500))
    const { manifest, bin } = encodeShopModel({ ...model, weights: big, popularity })
    expect(manifest.encoder).toEqual({ dim: 64, maxLen: 50, blocks: 2, heads: 1 })
    const bytes = gzipSync(bin).length + gzipSync(JSON.stringify(manifest)).length
    expect(bytes).toBeLessThanOrEqual(1_000_000)
  })

  it('follows a changed catalog: rows and neighbours move with their ids', () => {
    const moved = remapWeights(weights, ['c', 'x', 'a'])
    expect([...moved.itemEmb.slice(0, 4)]).toEqual([...weights.itemEmb.slice(8, 12)])
    expect([...moved.itemEmb.slice(4, 8)]).toEqual([0, 0, 0, 0])
    expect([...moved.itemBias]).toEqual([weights.itemBias[2], 0, weights.itemBias[0]])
    // c's neighbours were [a, b]; a's were [c, b]; b is gone.
    expect([...moved.neighbors!.index]).toEqual([2, -1, -1, -1, 0, -1])
  })
})
