// The same training step on the wasm backend (in Node), compared with the cpu backend. This is the
// backend without a native gather gradient, so it is where gatherRows' custom gradient matters.
import { fileURLToPath } from 'node:url'
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm/dist/index.js'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TrainingExample } from '../core/training'
import { copyWeights, tf, toyModel } from './test-env'
import { createTrainer } from './trainer'

const examples: TrainingExample[] = [
  { context: [3, 7], contextWeights: [0.7, 0.3], target: 12 },
  { context: [12], contextWeights: [1], target: 5 },
  { context: [9, 3, 20], contextWeights: [0.5, 0.3, 0.2], target: 21 },
]
const negatives = Int32Array.from([21, 30, 9, 30, 2])

beforeAll(() => {
  setWasmPaths(fileURLToPath(new URL('../../node_modules/@tensorflow/tfjs-backend-wasm/dist/', import.meta.url)))
})
afterAll(async () => {
  await tf.setBackend('cpu')
})

describe('createTrainer on the wasm backend', () => {
  it('loads wasm and takes the same steps as the cpu backend', async () => {
    const { features, weights } = toyModel(40, { itemScale: 0.2 })
    const onCpu = copyWeights(weights)
    const onWasm = copyWeights(weights)

    await tf.setBackend('cpu')
    const cpu = createTrainer(tf, onCpu, features)
    const cpuLosses = [await cpu.step(examples, negatives), await cpu.step(examples, negatives)]

    expect(await tf.setBackend('wasm')).toBe(true)
    expect(tf.getBackend()).toBe('wasm')
    const start = tf.memory().numTensors
    const wasm = createTrainer(tf, onWasm, features)
    const wasmLosses = [await wasm.step(examples, negatives), await wasm.step(examples, negatives)]
    expect(tf.memory().numTensors).toBe(start)

    expect(wasmLosses[0]).toBeCloseTo(cpuLosses[0], 5)
    expect(wasmLosses[1]).toBeCloseTo(cpuLosses[1], 5)
    expect(onWasm.itemEmb).not.toEqual(weights.itemEmb)
    for (const name of ['itemEmb', 'tokenEmb', 'itemBias', 'w', 'userOffset'] as const) {
      const a = onCpu[name]
      const b = onWasm[name]
      let worst = 0
      for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]))
      expect(worst, name).toBeLessThan(1e-5)
    }
  })
})
