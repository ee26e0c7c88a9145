// Trains with exactly the kernels and gradients the browser worker registers (tf-browser.ts), on
// the two backends that run in Node. Deliberately not test-env: that registers every kernel and
// gradient, which would hide a missing one. webgl cannot run here; its list is checked against the
// kernels profiled on cpu, and e2e/training.spec.ts trains on it in Chromium.
import { fileURLToPath } from 'node:url'
import { engine } from '@tensorflow/tfjs-core/dist/globals'
import { getKernelsForBackend } from '@tensorflow/tfjs-core/dist/kernel_registry'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { buildContentFeatures } from '../../core/features'
import { createRandom } from '../../core/random'
import type { TrainingExample } from '../../core/training'
import type { ContentFeatures, Item, ModelWeights } from '../../core/types'
import { initWeights } from '../../core/weights'
import { chooseBackend, tf } from '../tf-browser'
import { initEncoder } from '../../core/encoder'
import { createSeqFineTuner, SEQ_FINE_TUNE } from '../seq-fine-tune'
import { createTrainer, type TrainerOptions } from '../trainer'
import { CPU_KERNELS } from './cpu'
import { TRAINING_GRADIENTS } from './gradients'
import { WASM_KERNELS } from './wasm'
import { WEBGL_KERNELS } from './webgl'

// As in the worker build (trim-tfjs.mjs): the backends' bare '@tensorflow/tfjs-core' imports get the
// ESM base that tf-browser.ts imports from. Under Vitest they would otherwise load the package's
// CommonJS Node build, a second tfjs-core beside the ESM one.
vi.mock('@tensorflow/tfjs-core', () => import('@tensorflow/tfjs-core/dist/base'))

const WASM_DIR = fileURLToPath(new URL('../../../node_modules/@tensorflow/tfjs-backend-wasm/dist/', import.meta.url))

const examples: TrainingExample[] = [
  { context: [3, 7], contextWeights: [0.7, 0.3], target: 12 },
  { context: [12], contextWeights: [1], target: 5 },
  { context: [9, 3, 20, 4], contextWeights: [0.4, 0.3, 0.2, 0.1], target: 21 },
]
const negatives = Int32Array.from([21, 30, 9, 30, 2])

/** Every trainer configuration the product or the CLI uses changes which ops a step runs. */
const VARIANTS: TrainerOptions[] = [{}, { trainW: false }, { l2: 0 }, { contentWeight: 0, trainTokens: false, trainBias: false }]

function toy(): { features: ContentFeatures; weights: ModelWeights } {
  const random = createRandom(11)
  const words = 'red blue green mug plate candle lamp star heart glass wood card tin'.split(' ')
  const word = () => words[Math.floor(random() * words.length)]
  const items: Item[] = Array.from({ length: 40 }, (_, i) => ({ id: 'p' + i, title: `${word()} ${word()} ${word()}`, price: 1 + i }))
  const features = buildContentFeatures(items, { buckets: 32, maxTokens: 4 })
  const weights = initWeights(items.map((it) => it.id), { buckets: features.buckets, dim: 8, seed: 3 })
  for (let i = 0; i < weights.itemEmb.length; i++) weights.itemEmb[i] = (random() * 2 - 1) * 0.2
  return { features, weights }
}

/** Runs every variant for a few steps; returns the losses and what ran by name (kernels) and on the tape. */
async function train(): Promise<{ losses: number[]; kernels: Set<string>; taped: Set<string> }> {
  const e = engine() as unknown as { runKernel: (name: string, ...rest: unknown[]) => unknown; addTapeNode: (name: string, ...rest: unknown[]) => unknown }
  const runKernel = e.runKernel
  const addTapeNode = e.addTapeNode
  const kernels = new Set<string>()
  const taped = new Set<string>()
  e.runKernel = function (name, ...rest) {
    kernels.add(name)
    return runKernel.call(this, name, ...rest)
  }
  e.addTapeNode = function (name, ...rest) {
    taped.add(name)
    return addTapeNode.call(this, name, ...rest)
  }
  const losses: number[] = []
  try {
    for (const options of VARIANTS) {
      const { features, weights } = toy()
      const trainer = createTrainer(tf, weights, features, options)
      const before = tf.memory().numTensors
      for (let step = 0; step < 3; step++) losses.push(await trainer.step(examples, negatives))
      expect(tf.memory().numTensors).toBe(before)
    }
    // The sequence model's fine-tune (a version-3 model, weights.encoder): the worker runs it too.
    const { features, weights } = toy()
    weights.encoder = initEncoder({ dim: weights.dim, maxLen: 8, blocks: 1, heads: 1 }, 5)
    const tuner = createSeqFineTuner(tf, weights, features, SEQ_FINE_TUNE, { seed: 2 })
    tuner.add([['view', 'p3'], ['impression', 'p9'], ['click', 'p7'], ['view', 'p12'], ['dismiss', 'p20']].map(([type, item], i) => ({ seq: i + 1, ts: i + 1, type, item })))
    const before = tf.memory().numTensors
    const round = await tuner.train()
    expect(round.steps).toBe(SEQ_FINE_TUNE.steps)
    losses.push(round.loss)
    expect(tf.memory().numTensors).toBe(before)
  } finally {
    e.runKernel = runKernel
    e.addTapeNode = addTapeNode
  }
  return { losses, kernels, taped }
}

const names = (configs: { kernelName: string }[]) => new Set(configs.map((c) => c.kernelName))
const missing = (used: Set<string>, have: Set<string>) => [...used].filter((name) => !have.has(name)).sort()

afterAll(async () => {
  await tf.setBackend('cpu')
})

describe('the worker kernel set (tf-browser.ts)', () => {
  it('registers each backend with its own list and nothing more', () => {
    expect(names(getKernelsForBackend('cpu'))).toEqual(names(CPU_KERNELS))
    expect(names(getKernelsForBackend('wasm'))).toEqual(names(WASM_KERNELS))
    expect(names(getKernelsForBackend('webgl'))).toEqual(names(WEBGL_KERNELS))
  })

  // Shared by both tests, so that either also runs alone (vitest -t).
  let cpuRun: ReturnType<typeof train> | undefined
  const trainOnCpu = () =>
    (cpuRun ??= (async () => {
      expect((await chooseBackend(tf, 'cpu', WASM_DIR)).name).toBe('cpu')
      return train()
    })())

  it('trains on cpu with only these kernels and gradients, and covers what a step runs on every backend', async () => {
    const onCpu = await trainOnCpu()
    expect(onCpu.losses.every(Number.isFinite)).toBe(true)
    // A step that learns lowers the loss of the batch it just took.
    expect(onCpu.losses[2]).toBeLessThan(onCpu.losses[0])
    // What ran by name must be registered on webgl too (it cannot run in Node), so a kernel added
    // to the model code fails here, listed, rather than in the browser.
    for (const [backend, list] of [['cpu', CPU_KERNELS], ['wasm', WASM_KERNELS], ['webgl', WEBGL_KERNELS]] as const) {
      expect(missing(onCpu.kernels, names(list)), `kernels a step runs that ${backend} lacks`).toEqual([])
    }
    // Tape nodes are kernels and customGrad scopes (named after ops); the kernels need a gradient.
    const tapedKernels = new Set([...onCpu.taped].filter((name) => onCpu.kernels.has(name)))
    expect(missing(tapedKernels, names(TRAINING_GRADIENTS)), 'kernels on the tape without a registered gradient').toEqual([])
  })

  it('trains on wasm with only these kernels and takes the same steps as on cpu', async () => {
    const onCpu = await trainOnCpu()
    expect((await chooseBackend(tf, 'wasm', WASM_DIR)).name).toBe('wasm')
    const onWasm = await train()
    expect(missing(onWasm.kernels, names(WASM_KERNELS))).toEqual([])
    expect(onWasm.losses).toHaveLength(onCpu.losses.length)
    onWasm.losses.forEach((loss, i) => expect(loss).toBeCloseTo(onCpu.losses[i], 4))
  })
})
