import { encoderShapes, type EncoderConfig, type EncoderWeights } from './encoder'
import type { ModelWeights, Neighbors } from './types'
import { runSteps, type Steps } from './steps'
import { initWeights } from './weights'

// The shop model's static files: `model.json` (this manifest) and `weights.bin` (the tensors).
// Every byte counts (the budget is 1 MB gzip for a 10k-item shop), so each section is stored in
// the form that gzip shrinks most for the quality it keeps; the eval ranks with the decoded files,
// so the quality table measures what ships:
// - embeddings: 4-bit, and neighbour weights int8, with a bfloat16 scale per row (DEFAULT_PRECISION);
// - biases: bfloat16;
// - neighbour indices: each row sorted, stored as gaps split into byte planes (low bytes of every
//   gap, then high bytes): gaps are small and their high bytes mostly zero, 38% smaller after
//   gzip than raw uint16 indices on the retail model;
// - an untrained token table is not stored at all: it is the seeded random projection, rebuilt.

export const MODEL_FORMAT = 'localshelf-model'
/**
 * Version 2 added 4-bit sections, gap-coded neighbour indices and the seeded token table; version
 * 3 the sequence encoder (`encoder` in the manifest, its tensors as bf16 sections `encoder.<name>`);
 * version 4 unsigned 4-bit neighbour weights (`uint4`) for lists without negative weights, and the
 * encoder's matrices as int8 rows (`encoder.<name>` int8 + `encoder.<name>Scale`; vectors stay bf16).
 * Versions 1 to 3 still load (without an encoder: the weighted-mean shopper vector).
 */
export const MODEL_VERSION = 4

type Dtype = 'float32' | 'int8' | 'uint8' | 'uint16' | 'int32'

interface Section {
  name: string
  dtype: Dtype
  length: number
  offset: number
  /**
   * int4: two signed 4-bit values per byte, low nibble first; uint4: the same, unsigned (levels
   * 0..15 of a row's scale, for rows without negative values); gaps2/gaps4: sorted row gaps of
   * 2 or 4 bytes in byte planes; bf16: float32 values cut to their upper 16 bits (8-bit
   * mantissa). Absent: the values as `dtype`.
   */
  encoding?: 'int4' | 'uint4' | 'gaps2' | 'gaps4' | 'bf16'
}

export interface ModelManifest {
  format: typeof MODEL_FORMAT
  version: number
  dim: number
  buckets: number
  maxTokens: number
  contentWeight: number
  itemIds: string[]
  /** Training-set interaction counts per item (the trending shelf). */
  popularity: number[]
  neighbors?: { k: number; scale: number }
  /** The sequence encoder's shape (version 3); its tensors are the `encoder.*` sections. */
  encoder?: EncoderConfig
  /** The token table is `initWeights`' projection for this seed (it was not trained): not in weights.bin. */
  tokenSeed?: number
  /** Free-form description of how it was trained (hyper-parameters, data size). */
  training?: Record<string, unknown>
  weights: string
  sections: Section[]
}

export interface ShopModel {
  weights: ModelWeights
  popularity: Float32Array
  maxTokens: number
  contentWeight: number
  /**
   * Identifies the files a loaded model came from (a hash of model.json's text, which names every
   * section and the training run): weights fine-tuned from another model are not reused.
   */
  fingerprint?: string
}

/** Bits per quantised value, per kind of section. */
export interface Precision {
  embedding: 4 | 8
  neighbor: 4 | 8
  /**
   * Neighbour weights when no weight is negative (co-occurrence cosine lists): unsigned, so 4 bits
   * give 16 levels over [0, max] where signed 4 bits give 8. Unset: `neighbor`.
   */
  nonNegativeNeighbor?: 4 | 8
  /** The sequence encoder's matrices: int8 rows with a bf16 scale, or bf16 (16). Unset: 16. */
  encoder?: 8 | 16
}

/**
 * What pretrain writes, chosen on the retail data (leave-one-out, trained embedding, shop model
 * alone; float weights: test HR@10 0.3999 / NDCG@10 0.0825, validation 0.4583 / 0.1072):
 * - 4-bit embeddings, int8 neighbours: 0.4010 / 0.0833, validation 0.4577 / 0.1068, 346 KB gzip;
 * - int8 both: 0.3999 / 0.0832, validation 0.4577 / 0.1068, 486 KB;
 * - 4-bit neighbour weights cost HR@10 on test and validation alike (0.3929, 0.4549-0.4560).
 * Embeddings only break ties beside the neighbour scores, so their precision is free; the
 * neighbour weights are the ranking.
 */
export const DEFAULT_PRECISION: Precision = { embedding: 4, neighbor: 8, nonNegativeNeighbor: 4, encoder: 8 }

const BYTES = { float32: 4, int8: 1, uint8: 1, uint16: 2, int32: 4 } as const

/** Symmetric per-row quantisation to `bits` (levels -L..L, L = 2^(bits-1) - 1). */
function quantizeRows(values: Float32Array, width: number, bits: 4 | 8): { q: Int8Array; scale: Float32Array } {
  const levels = (1 << (bits - 1)) - 1
  const rows = values.length / width
  const q = new Int8Array(values.length)
  const scale = new Float32Array(rows)
  for (let r = 0; r < rows; r++) {
    let max = 0
    for (let d = r * width; d < (r + 1) * width; d++) max = Math.max(max, Math.abs(values[d]))
    scale[r] = max / levels
    if (max === 0) continue
    for (let d = r * width; d < (r + 1) * width; d++) q[d] = Math.round(values[d] / scale[r])
  }
  return { q, scale }
}

/** Unsigned per-row quantisation to 4 bits (levels 0..15 of the row's max), for values >= 0. */
function quantizeRowsUnsigned4(values: Float32Array, width: number): { q: Int8Array; scale: Float32Array } {
  const rows = values.length / width
  const q = new Int8Array(values.length)
  const scale = new Float32Array(rows)
  for (let r = 0; r < rows; r++) {
    let max = 0
    for (let d = r * width; d < (r + 1) * width; d++) max = Math.max(max, values[d])
    scale[r] = max / 15
    if (max === 0) continue
    for (let d = r * width; d < (r + 1) * width; d++) q[d] = Math.round(values[d] / scale[r])
  }
  return { q, scale }
}

function packInt4(q: Int8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil(q.length / 2))
  for (let i = 0; i < q.length; i++) out[i >> 1] |= (q[i] & 15) << ((i & 1) * 4)
  return out
}

/** Rows sorted by index (weights follow), so the indices can be stored as gaps. */
function sortRows(nb: Neighbors): Neighbors {
  const { k } = nb
  const index = new Int32Array(nb.index.length).fill(-1)
  const weight = new Float32Array(nb.weight.length)
  for (let r = 0; r < index.length / k; r++) {
    const slots: number[] = []
    for (let n = r * k; n < (r + 1) * k && nb.index[n] >= 0; n++) slots.push(n)
    slots.sort((a, b) => nb.index[a] - nb.index[b])
    slots.forEach((n, s) => {
      index[r * k + s] = nb.index[n]
      weight[r * k + s] = nb.weight[n]
    })
  }
  return { ...nb, index, weight }
}

/** Gaps between a sorted row's indices (the first from 0) in `width`-byte planes; empty slots are all ones. */
function encodeGaps(index: Int32Array, k: number, width: 2 | 4): Uint8Array {
  const out = new Uint8Array(index.length * width)
  const empty = width === 2 ? 0xffff : 0xffffffff
  for (let n = 0; n < index.length; n++) {
    const gap = index[n] < 0 ? empty : index[n] - (n % k === 0 ? 0 : index[n - 1])
    for (let b = 0; b < width; b++) out[b * index.length + n] = (gap >>> (8 * b)) & 255
  }
  return out
}

function* decodeGaps(planes: Uint8Array, count: number, k: number, width: 2 | 4): Steps<Int32Array> {
  const index = new Int32Array(count)
  const empty = width === 2 ? 0xffff : 0xffffffff
  for (let n = 0; n < count; n++) {
    // Byte planes: low bytes of every gap first (>>> 0 keeps a 4-byte gap unsigned).
    const gap = width === 2 ? planes[n] | (planes[count + n] << 8)
      : (planes[n] | (planes[count + n] << 8) | (planes[2 * count + n] << 16) | (planes[3 * count + n] << 24)) >>> 0
    index[n] = gap === empty ? -1 : gap + (n % k === 0 ? 0 : index[n - 1])
    if (n % VALUES_PER_STEP === VALUES_PER_STEP - 1) yield VALUES_PER_STEP
  }
  return index
}

/** bfloat16, rounded to nearest: 0.4% relative error, for per-row scales and biases. */
function toBf16(values: Float32Array): Uint16Array {
  const bits = new Uint32Array(values.buffer, values.byteOffset, values.length)
  return Uint16Array.from(bits, (b) => (b + 0x7fff + ((b >>> 16) & 1)) >>> 16)
}

/** The section holding a quantised table's per-row scales (names as in version 1). */
const scaleOf = (table: string) => table.replace(/Emb$|Weight$/, '') + 'Scale'

function sameArray(a: Float32Array, b: Float32Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i])
}

/** Serialises a shop model. */
export function encodeShopModel(
  model: ShopModel,
  training?: Record<string, unknown>,
  precision: Precision = DEFAULT_PRECISION,
  /** The seed the token table was initialised with: if it is still that projection, it is not stored. */
  tokenSeed = 1,
): { manifest: ModelManifest; bin: Uint8Array } {
  const { weights } = model
  const { dim } = weights
  const parts: Array<[string, Float32Array | Int8Array | Uint8Array | Uint16Array, Section['encoding']?]> = []
  const quantized = (name: string, values: Float32Array, width: number, bits: 4 | 8, unsigned = false) => {
    const { q, scale } = unsigned && bits === 4 ? quantizeRowsUnsigned4(values, width) : quantizeRows(values, width, bits)
    parts.push([scaleOf(name), toBf16(scale), 'bf16'], bits === 4 ? [name, packInt4(q), unsigned ? 'uint4' : 'int4'] : [name, q])
  }
  const untrained = sameArray(weights.tokenEmb, initWeights([], { dim, buckets: weights.buckets, seed: tokenSeed }).tokenEmb)
  if (!untrained) quantized('tokenEmb', weights.tokenEmb, dim, precision.embedding)
  quantized('itemEmb', weights.itemEmb, dim, precision.embedding)
  parts.push(['itemBias', toBf16(weights.itemBias), 'bf16'], ['w', weights.w])
  const enc = weights.encoder
  if (enc) {
    for (const [name, shape] of encoderShapes(enc.config)) {
      if (precision.encoder === 8 && shape.length === 2) quantized(`encoder.${name}`, enc.params[name], shape[1], 8)
      else parts.push([`encoder.${name}`, toBf16(enc.params[name]), 'bf16'])
    }
  }
  const nb = weights.neighbors && sortRows(weights.neighbors)
  if (nb) {
    const nonNegative = precision.nonNegativeNeighbor !== undefined && nb.weight.every((w) => w >= 0)
    quantized('neighborWeight', nb.weight, nb.k, nonNegative ? precision.nonNegativeNeighbor! : precision.neighbor, nonNegative)
    const width = weights.itemIds.length < 0xffff ? 2 : 4
    parts.push(['neighborIndex', encodeGaps(nb.index, nb.k, width), width === 2 ? 'gaps2' : 'gaps4'])
  }
  const sections: Section[] = []
  let offset = 0
  for (const [name, array, encoding] of parts) {
    const dtype: Dtype = array instanceof Float32Array ? 'float32' : array instanceof Int8Array ? 'int8' : array instanceof Uint8Array ? 'uint8' : array instanceof Uint16Array ? 'uint16' : 'int32'
    offset = Math.ceil(offset / 4) * 4 // typed-array views need aligned offsets
    sections.push({ name, dtype, length: array.length, offset, ...(encoding && { encoding }) })
    offset += array.byteLength
  }
  const bin = new Uint8Array(offset)
  parts.forEach(([, array], i) => bin.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), sections[i].offset))
  const manifest: ModelManifest = {
    format: MODEL_FORMAT, version: MODEL_VERSION, dim, buckets: weights.buckets, maxTokens: model.maxTokens,
    contentWeight: model.contentWeight, itemIds: weights.itemIds, popularity: Array.from(model.popularity),
    neighbors: nb ? { k: nb.k, scale: nb.scale } : undefined, ...(enc && { encoder: enc.config }), ...(untrained && { tokenSeed }), training, weights: 'weights.bin', sections,
  }
  return { manifest, bin }
}

/** Reads a shop model back (versions 1 to MODEL_VERSION); throws an error naming what is wrong with the files. */
export function decodeShopModel(manifest: ModelManifest, buffer: ArrayBuffer): ShopModel {
  return runSteps(decodeShopModelSteps(manifest, buffer))
}

// Values decoded between two yields of decodeShopModelSteps: about 0.1-0.5 ms of a cold loop.
const VALUES_PER_STEP = 4096

/**
 * decodeShopModel in steps (src/core/steps.ts), for the main thread: a 10k-item model's tables
 * (dequantised embeddings, gap-coded neighbour lists) were one task, 20 ms of CPU in a page and
 * 150 ms on a first, cold call measured alone in Chromium (the loops' former per-value callbacks
 * and powers of two cost most of it).
 */
export function* decodeShopModelSteps(manifest: ModelManifest, buffer: ArrayBuffer): Steps<ShopModel> {
  if (manifest?.format !== MODEL_FORMAT || !(manifest.version >= 1 && manifest.version <= MODEL_VERSION)) {
    throw new Error(`model.json is not a ${MODEL_FORMAT} manifest of version 1 to ${MODEL_VERSION}; regenerate it with \`localshelf pretrain\``)
  }
  if (!(manifest.contentWeight >= 0)) throw new Error('model.json contentWeight must be a number >= 0; regenerate the model with `localshelf pretrain`')
  const section = (name: string) => {
    const s = manifest.sections.find((x) => x.name === name)
    if (!s) throw new Error(`weights.bin has no section ${name}; regenerate the model with \`localshelf pretrain\``)
    if (s.offset + s.length * BYTES[s.dtype] > buffer.byteLength) throw new Error(`weights.bin is truncated (section ${name}); re-download or regenerate the model`)
    const Ctor = { float32: Float32Array, int8: Int8Array, uint8: Uint8Array, uint16: Uint16Array, int32: Int32Array }[s.dtype]
    return { s, values: new Ctor(buffer, s.offset, s.length) }
  }
  function* floats(name: string): Steps<Float32Array> {
    const { s, values } = section(name)
    if (s.encoding !== 'bf16') return Float32Array.from(values)
    const bits = new Uint32Array(values.length)
    for (let i = 0; i < values.length; i++) {
      bits[i] = values[i] << 16
      if (i % VALUES_PER_STEP === VALUES_PER_STEP - 1) yield VALUES_PER_STEP
    }
    return new Float32Array(bits.buffer)
  }
  function* table(name: string, width: number): Steps<Float32Array> {
    const scale = yield* floats(scaleOf(name))
    const { s, values } = section(name)
    const out = new Float32Array(scale.length * width)
    const enc = s.encoding
    for (let i = 0; i < out.length; i++) {
      // int4: signed nibbles; uint4 (version 4's co-occurrence weights, none negative): 0..15.
      const q = enc === 'int4' ? ((((values[i >> 1] >> ((i & 1) * 4)) & 15) << 28) >> 28) : enc === 'uint4' ? (values[i >> 1] >> ((i & 1) * 4)) & 15 : values[i]
      out[i] = q * scale[(i / width) | 0]
      if (i % VALUES_PER_STEP === VALUES_PER_STEP - 1) yield VALUES_PER_STEP
    }
    return out
  }
  const { dim, itemIds } = manifest
  let neighbors: Neighbors | undefined
  if (manifest.neighbors) {
    const { k, scale } = manifest.neighbors
    const { s, values } = section('neighborIndex')
    const count = itemIds.length * k
    neighbors = {
      k, scale,
      index: s.encoding === 'gaps2' || s.encoding === 'gaps4' ? yield* decodeGaps(values as Uint8Array, count, k, s.encoding === 'gaps2' ? 2 : 4)
        : values instanceof Uint16Array ? Int32Array.from(values, (j) => (j === 0xffff ? -1 : j)) : Int32Array.from(values),
      weight: yield* table('neighborWeight', k),
    }
  }
  let encoder: EncoderWeights | undefined
  if (manifest.encoder) {
    const config = manifest.encoder
    const params: Record<string, Float32Array> = {}
    for (const [name, shape] of encoderShapes(config)) {
      // int8 rows (version 4) or bf16.
      params[name] = section(`encoder.${name}`).s.dtype === 'int8' ? yield* table(`encoder.${name}`, shape[shape.length - 1]) : yield* floats(`encoder.${name}`)
      if (params[name].length !== shape.reduce((a, b) => a * b, 1)) throw new Error(`weights.bin section encoder.${name} has ${params[name].length} values, not ${shape.join(' x ')}; regenerate the model with \`localshelf pretrain\``)
    }
    encoder = { config: { ...config }, params }
  }
  const buckets = manifest.buckets
  const tokenEmb = manifest.tokenSeed !== undefined ? initWeights([], { dim, buckets, seed: manifest.tokenSeed }).tokenEmb : yield* table('tokenEmb', dim)
  yield 1
  return {
    weights: {
      dim, buckets, itemIds, tokenEmb,
      itemEmb: yield* table('itemEmb', dim),
      itemBias: yield* floats('itemBias'),
      w: yield* floats('w'),
      userOffset: new Float32Array(dim),
      neighbors,
      ...(encoder && { encoder }),
    },
    popularity: Float32Array.from(manifest.popularity),
    maxTokens: manifest.maxTokens,
    contentWeight: manifest.contentWeight,
  }
}
