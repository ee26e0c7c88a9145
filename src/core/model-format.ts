import type { ModelWeights, Neighbors } from './types'

// The shop model's static files: `model.json` (this manifest) and `weights.bin` (the tensors).
// Embeddings and neighbour weights are int8 with one float32 scale per row: a quarter of the
// float32 size, and ranking quality unchanged (checked by the round-trip test and the eval table).

export const MODEL_FORMAT = 'localshelf-model'
export const MODEL_VERSION = 1

interface Section {
  name: string
  dtype: 'float32' | 'int8' | 'uint16' | 'int32'
  length: number
  offset: number
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
}

const BYTES = { float32: 4, int8: 1, uint16: 2, int32: 4 } as const

function quantizeRows(values: Float32Array, width: number): { q: Int8Array; scale: Float32Array } {
  const rows = values.length / width
  const q = new Int8Array(values.length)
  const scale = new Float32Array(rows)
  for (let r = 0; r < rows; r++) {
    let max = 0
    for (let d = r * width; d < (r + 1) * width; d++) max = Math.max(max, Math.abs(values[d]))
    scale[r] = max / 127
    if (max === 0) continue
    for (let d = r * width; d < (r + 1) * width; d++) q[d] = Math.round(values[d] / scale[r])
  }
  return { q, scale }
}

function dequantizeRows(q: Int8Array, scale: Float32Array, width: number): Float32Array {
  const out = new Float32Array(q.length)
  for (let i = 0; i < q.length; i++) out[i] = q[i] * scale[(i / width) | 0]
  return out
}

/** Serialises a shop model. */
export function encodeShopModel(
  model: ShopModel,
  training?: Record<string, unknown>,
): { manifest: ModelManifest; bin: Uint8Array } {
  const { weights } = model
  const { dim } = weights
  const parts: Array<[string, Float32Array | Int8Array | Uint16Array | Int32Array]> = []
  const tok = quantizeRows(weights.tokenEmb, dim)
  const item = quantizeRows(weights.itemEmb, dim)
  parts.push(['tokenScale', tok.scale], ['itemScale', item.scale], ['itemBias', weights.itemBias], ['w', weights.w])
  const nb = weights.neighbors
  if (nb) {
    const nq = quantizeRows(nb.weight, nb.k)
    const small = weights.itemIds.length < 65535
    // uint16 halves the index size for catalogs under 65k items; 65535 marks an empty slot.
    parts.push(['neighborScale', nq.scale], ['neighborIndex', small ? Uint16Array.from(nb.index, (j) => (j < 0 ? 65535 : j)) : nb.index], ['neighborWeight', nq.q])
  }
  parts.push(['tokenEmb', tok.q], ['itemEmb', item.q])
  const sections: Section[] = []
  let offset = 0
  for (const [name, array] of parts) {
    const dtype = array instanceof Float32Array ? 'float32' : array instanceof Int8Array ? 'int8' : array instanceof Uint16Array ? 'uint16' : 'int32'
    offset = Math.ceil(offset / 4) * 4 // typed-array views need aligned offsets
    sections.push({ name, dtype, length: array.length, offset })
    offset += array.byteLength
  }
  const bin = new Uint8Array(offset)
  parts.forEach(([, array], i) => bin.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), sections[i].offset))
  const manifest: ModelManifest = {
    format: MODEL_FORMAT, version: MODEL_VERSION, dim, buckets: weights.buckets, maxTokens: model.maxTokens,
    contentWeight: model.contentWeight, itemIds: weights.itemIds, popularity: Array.from(model.popularity),
    neighbors: nb ? { k: nb.k, scale: nb.scale } : undefined, training, weights: 'weights.bin', sections,
  }
  return { manifest, bin }
}

/** Reads a shop model back; throws an error naming what is wrong with the files. */
export function decodeShopModel(manifest: ModelManifest, buffer: ArrayBuffer): ShopModel {
  if (manifest?.format !== MODEL_FORMAT || manifest.version !== MODEL_VERSION) {
    throw new Error(`model.json is not a ${MODEL_FORMAT} v${MODEL_VERSION} manifest; regenerate it with \`localshelf pretrain\``)
  }
  const view = (name: string) => {
    const s = manifest.sections.find((x) => x.name === name)
    if (!s) return undefined
    if (s.offset + s.length * BYTES[s.dtype] > buffer.byteLength) throw new Error(`weights.bin is truncated (section ${name}); re-download or regenerate the model`)
    const Ctor = { float32: Float32Array, int8: Int8Array, uint16: Uint16Array, int32: Int32Array }[s.dtype]
    return new Ctor(buffer, s.offset, s.length)
  }
  const need = <T>(name: string) => {
    const v = view(name)
    if (!v) throw new Error(`weights.bin has no section ${name}; regenerate the model with \`localshelf pretrain\``)
    return v as unknown as T
  }
  const { dim, itemIds } = manifest
  let neighbors: Neighbors | undefined
  if (manifest.neighbors) {
    const { k, scale } = manifest.neighbors
    const raw = need<Uint16Array | Int32Array>('neighborIndex')
    neighbors = {
      k, scale,
      index: raw instanceof Uint16Array ? Int32Array.from(raw, (j) => (j === 65535 ? -1 : j)) : Int32Array.from(raw),
      weight: dequantizeRows(need<Int8Array>('neighborWeight'), need<Float32Array>('neighborScale'), k),
    }
  }
  return {
    weights: {
      dim, buckets: manifest.buckets, itemIds,
      tokenEmb: dequantizeRows(need<Int8Array>('tokenEmb'), need<Float32Array>('tokenScale'), dim),
      itemEmb: dequantizeRows(need<Int8Array>('itemEmb'), need<Float32Array>('itemScale'), dim),
      itemBias: Float32Array.from(need<Float32Array>('itemBias')),
      w: Float32Array.from(need<Float32Array>('w')),
      userOffset: new Float32Array(dim),
      neighbors,
    },
    popularity: Float32Array.from(manifest.popularity),
    maxTokens: manifest.maxTokens,
    contentWeight: manifest.contentWeight,
  }
}
