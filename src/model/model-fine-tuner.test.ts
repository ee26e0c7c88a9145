// The worker's fine-tune of a version-3 model (weights.encoder): model-fine-tuner.ts picks the
// sequence fine-tune, and its optimiser state survives a save and restore (and a catalogue change)
// like the older one's. Its rounds as deltas: fine-tune-delta.test.ts.
import { beforeAll, describe, expect, it } from 'vitest'
import { initEncoder } from '../core/encoder'
import type { ModelWeights, StoredEvent } from '../core/types'
import { FINE_TUNE } from './fine-tune'
import { createBiasAdamState } from './bias-adam'
import { createModelFineTuner, fittingTrainerState, remapModelTrainerState } from './model-fine-tuner'
import { SEQ_FINE_TUNE } from './seq-fine-tune'
import { copyWeights, tf, toyModel } from './test-env'
import { createTrainerState } from './trainer-state'

beforeAll(async () => {
  await tf.setBackend('cpu')
})

const sequenceModel = (count = 300) => {
  const toy = toyModel(count, { itemScale: 0.1 })
  toy.weights.encoder = initEncoder({ dim: toy.weights.dim, maxLen: 8, blocks: 2, heads: 2 }, 4)
  return toy
}
const copy = (w: ModelWeights): ModelWeights => ({ ...copyWeights(w), encoder: w.encoder })
const events = (list: Array<[string, number]>, from = 1): StoredEvent[] => list.map(([type, item], i) => ({ seq: from + i, ts: from + i, type, item: 'p' + item }))
const ROUNDS: Array<Array<[string, number]>> = [
  [['impression', 40], ['impression', 41], ['view', 3], ['view', 17]],
  [['impression', 42], ['click', 41], ['dismiss', 90]],
  [['view', 250], ['purchase', 3], ['impression', 7], ['impression', 8]],
]
const changedRows = (before: Float32Array, after: Float32Array, width: number) => {
  const rows = new Set<number>()
  for (let i = 0; i < before.length; i++) if (!Object.is(before[i], after[i])) rows.add(Math.floor(i / width))
  return rows
}

describe('the worker fine-tune of a sequence model', () => {
  it('is the sequence fine-tune: only the biases of the shopper\'s items and passed-over items move', async () => {
    const { weights, features } = sequenceModel()
    const before = copy(weights)
    const tuner = createModelFineTuner(tf, weights, features, FINE_TUNE, { seed: 1 })
    tuner.add(events(ROUNDS[0]))
    expect((await tuner.train()).steps).toBe(SEQ_FINE_TUNE.steps)
    expect(weights.itemEmb).toEqual(before.itemEmb)
    expect(weights.tokenEmb).toEqual(before.tokenEmb)
    expect(weights.w).toEqual(before.w)
    expect(weights.userOffset).toEqual(before.userOffset)
    // Classes: the targets (p17; p3 is only an input) and the items shown and never picked.
    expect([...changedRows(before.itemBias, weights.itemBias, 1)].sort((a, b) => a - b)).toEqual([17, 40, 41])
    expect(weights.itemBias[40]).toBeLessThan(before.itemBias[40])
    expect(weights.itemBias[17]).toBeGreaterThan(before.itemBias[17])
  })

  it('continues from a saved optimiser state exactly as if it had never stopped', async () => {
    const a = sequenceModel()
    const straight = createModelFineTuner(tf, a.weights, a.features, FINE_TUNE, { seed: 9 })
    const b = sequenceModel()
    const first = createModelFineTuner(tf, b.weights, b.features, FINE_TUNE, { seed: 9 })
    straight.add(events(ROUNDS[0]))
    first.add(events(ROUNDS[0]))
    await straight.train()
    await first.train()
    // As the worker restores: the saved weights and state, the stored events, the seq trained through.
    const saved = structuredClone({ weights: first.weights, state: first.state() })
    const restored = createModelFineTuner(tf, saved.weights, b.features, FINE_TUNE, { state: saved.state, trainedThroughSeq: first.trainedThroughSeq(), events: first.seen(), seed: 9 })
    straight.add(events(ROUNDS[1], 5))
    restored.add(events(ROUNDS[1], 5))
    await straight.train()
    await restored.train()
    expect(restored.weights.itemBias).toEqual(straight.weights.itemBias)
    expect(restored.state()).toEqual(straight.state())
    // The bias correction went on counting (a fresh state would take the first, largest steps again).
    expect(restored.state().wAcc[0]).toBe(2 * SEQ_FINE_TUNE.steps)
  })

  it('re-indexes a saved state to a changed catalogue: known items keep their moments, new ones start at zero', async () => {
    const { weights, features } = sequenceModel(60)
    const tuner = createModelFineTuner(tf, weights, features, FINE_TUNE, { seed: 2 })
    tuner.add(events(ROUNDS[0]))
    await tuner.train()
    const state = tuner.state()
    // The catalogue now lists p40 first and a new item at the end.
    const grown = sequenceModel(61)
    const ids = ['p40', ...weights.itemIds.filter((id) => id !== 'p40'), 'p60']
    grown.weights.itemIds = ids
    const remapped = remapModelTrainerState(state, weights.itemIds, grown.weights)
    expect(remapped.biasAcc[0]).toBe(state.biasAcc[40])
    expect(remapped.itemAcc[0]).toBe(state.itemAcc[40 * weights.dim])
    expect(remapped.biasAcc[60]).toBe(0)
    expect(remapped.itemAcc[60 * weights.dim]).toBe(0)
    expect(remapped.wAcc[0]).toBe(SEQ_FINE_TUNE.steps)
  })

  it('does not read the older trainer\'s Adagrad accumulators as Adam moments', async () => {
    const a = sequenceModel()
    const b = sequenceModel()
    const fresh = createModelFineTuner(tf, a.weights, a.features, FINE_TUNE, { seed: 3 })
    const fromAdagrad = createModelFineTuner(tf, b.weights, b.features, FINE_TUNE, { seed: 3, state: createTrainerState(b.weights) })
    for (const tuner of [fresh, fromAdagrad]) {
      tuner.add(events(ROUNDS[0]))
      await tuner.train()
    }
    expect(b.weights.itemBias).toEqual(a.weights.itemBias)
  })

  it('takes the items shown as ids (the widget\'s impressions are counts, not events) as negatives unless picked, and hands them to a rebuilt tuner', async () => {
    const a = sequenceModel()
    const b = sequenceModel()
    const before = copy(a.weights)
    // As impression events (the eval's session protocol) and as shown ids (the widget): the same round.
    const asEvents = createModelFineTuner(tf, a.weights, a.features, FINE_TUNE, { seed: 4 })
    asEvents.add(events([['impression', 40], ['impression', 41], ['view', 3], ['view', 17], ['click', 41]]))
    const asIds = createModelFineTuner(tf, b.weights, b.features, FINE_TUNE, { seed: 4 })
    asIds.show(['p40', 'p41'])
    asIds.add(events([['view', 3], ['view', 17], ['click', 41]]))
    await asEvents.train()
    await asIds.train()
    expect(b.weights.itemBias).toEqual(a.weights.itemBias)
    expect(b.weights.itemBias[40]).toBeLessThan(before.itemBias[40])
    expect(b.weights.itemBias[41]).toBeGreaterThan(before.itemBias[41])
    // A tuner rebuilt from seen() and shown() (a rollback, a lost WebGL context) knows them too.
    expect(asIds.shown()).toEqual(['p40', 'p41'])
    const rebuilt = createModelFineTuner(tf, copy(b.weights), b.features, FINE_TUNE, { events: asIds.seen(), shown: asIds.shown(), trainedThroughSeq: 0, seed: 4 })
    expect(rebuilt.shown()).toEqual(['p40', 'p41'])
  })

  it('tells which saved states fit which fine-tune (the worker then saves a replaced state whole)', () => {
    const { weights } = sequenceModel(20)
    const older = toyModel(20).weights
    expect(fittingTrainerState(weights, createBiasAdamState(weights))).toBeDefined()
    expect(fittingTrainerState(weights, createTrainerState(weights))).toBeUndefined()
    expect(fittingTrainerState(older, createTrainerState(older))).toBeDefined()
    expect(fittingTrainerState(older, createBiasAdamState(older))).toBeUndefined()
    expect(fittingTrainerState(weights, undefined)).toBeUndefined()
  })

  it('keeps the older trainer for a model without an encoder', async () => {
    const { weights, features } = toyModel(50, { itemScale: 0.1 })
    const before = copy(weights)
    const tuner = createModelFineTuner(tf, weights, features, FINE_TUNE, { seed: 1 })
    tuner.add(events([['view', 1], ['view', 2], ['view', 3]]))
    expect((await tuner.train()).steps).toBe(FINE_TUNE.steps)
    // The older trainer moves item rows too (the sequence fine-tune never does).
    expect(weights.itemEmb).not.toEqual(before.itemEmb)
  })
})
