import { describe, expect, it } from 'vitest'
import { decodeShopModel, encodeShopModel } from './model-format'
import { remapWeights } from './weights'
import { initWeights } from './weights'

describe('shop model files', () => {
  const weights = initWeights(['a', 'b', 'c'], { buckets: 16, dim: 4, seed: 3 })
  weights.itemEmb.set([0.5, -1, 0.25, 0, 0, 0, 0, 0, 2, 1, -2, 0.5])
  weights.itemBias.set([0.1, -0.2, 0.3])
  weights.neighbors = { k: 2, index: Int32Array.from([1, 2, 0, -1, 0, 1]), weight: Float32Array.from([0.5, 0.25, 0.1, 0, 0.3, 0.2]), scale: 64 }
  const model = { weights, popularity: Float32Array.from([5, 1, 3]), maxTokens: 8, contentWeight: 0.5 }

  it('round-trips through int8 within a quantisation step', () => {
    const { manifest, bin } = encodeShopModel(model, { epochs: 1 })
    const back = decodeShopModel(JSON.parse(JSON.stringify(manifest)), bin.slice().buffer as ArrayBuffer)
    expect(back.weights.itemIds).toEqual(['a', 'b', 'c'])
    for (let i = 0; i < 12; i++) expect(Math.abs(back.weights.itemEmb[i] - weights.itemEmb[i])).toBeLessThanOrEqual(2 / 127 / 2 + 1e-6)
    for (let i = 0; i < weights.tokenEmb.length; i++) expect(back.weights.tokenEmb[i]).toBeCloseTo(weights.tokenEmb[i], 2)
    expect([...back.weights.itemBias]).toEqual([...weights.itemBias])
    expect([...back.weights.neighbors!.index]).toEqual([1, 2, 0, -1, 0, 1])
    expect(back.weights.neighbors!.scale).toBe(64)
    expect(back.weights.neighbors!.weight[0]).toBeCloseTo(0.5, 2)
    expect([...back.popularity]).toEqual([5, 1, 3])
  })

  it('rejects other files and truncated weights with a message saying what to do', () => {
    const { manifest, bin } = encodeShopModel(model)
    expect(() => decodeShopModel({ ...manifest, format: "x" as "localshelf-model" }, bin.buffer as ArrayBuffer)).toThrow(/localshelf pretrain/)
    expect(() => decodeShopModel(manifest, bin.slice(0, 20).buffer as ArrayBuffer)).toThrow(/truncated/)
  })

  it('follows a changed catalog: rows and neighbours move with their ids', () => {
    const moved = remapWeights(weights, ['c', 'x', 'a'])
    expect([...moved.itemEmb.slice(0, 4)]).toEqual([...weights.itemEmb.slice(8, 12)])
    expect([...moved.itemEmb.slice(4, 8)]).toEqual([0, 0, 0, 0])
    expect([...moved.itemBias]).toEqual([weights.itemBias[2], 0, weights.itemBias[0]])
    // c's neighbours were [a]; a's were [b, c] and b is gone.
    expect([...moved.neighbors!.index]).toEqual([2, -1, -1, -1, 0, -1])
  })
})
