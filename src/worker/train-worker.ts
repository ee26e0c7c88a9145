// The training worker: owns the tfjs backend and the fine-tuner, trains on new events, persists
// the weights to IndexedDB and posts them back. Runs off the main thread so training never
// causes a long task on the page.
import type { ContentFeatures, ModelWeights } from '../core/types'
import { deltaBuffers, takeDelta } from '../core/weight-delta'
import { createFineTuner, type FineTuner } from '../model/fine-tune'
import { chooseBackend, tf } from '../model/tf-browser'
import { remapTrainerState, type TrainerState } from '../model/trainer-state'
import { openLocalshelfDB } from '../store/db'
import { createRowSaver, loadModelHeader, loadOptimiserState, storedMatches, type RowSaver } from '../store/model-rows'
import { describeError } from '../store/quota'
import { checkpoint, healthyRows, refreshCheckpoint, type Checkpoint } from './checkpoint'
import type { FineTuneOptions, FromWorker, ToWorker } from './protocol'

interface Session {
  db: ReturnType<typeof openLocalshelfDB>
  features: ContentFeatures
  options: FineTuneOptions
  tuner: FineTuner
  backend: string
  base: string
  /** What a diverged round rolls back to. */
  good: Checkpoint
  /** Saves the rows changed since its last successful save (a log record plus two rolled chunks, see model-rows.ts). */
  saver: RowSaver
}

const scope = self as unknown as DedicatedWorkerGlobalScope
let session: Session | undefined
let queue: Promise<void> = Promise.resolve()

function post(message: FromWorker, transfer: Transferable[] = []): void {
  scope.postMessage(message, transfer)
}

async function init(message: Extract<ToWorker, { kind: 'init' }>): Promise<void> {
  const choice = await chooseBackend(tf, message.backend, message.wasmPath)
  post({ kind: 'backend', backend: choice.name, reason: choice.reason })
  const { weights, features, options } = message
  const db = openLocalshelfDB(message.dbName)
  const header = await loadModelHeader(db).catch(() => undefined)
  // A model saved by rows keeps its optimiser state in the store (the page never loads it): read it
  // here when the page adopted that very model.
  let state = message.trainerState as TrainerState | undefined
  if (!state && header && header.trainedThroughSeq === message.trainedThroughSeq && header.data.base === message.base && message.trainedThroughSeq > 0) {
    state = await loadOptimiserState(db, header).catch(() => undefined)
  }
  // The catalog may have changed since the state was saved: re-index the optimiser's rows like the weights.
  if (state && message.trainerItemIds) state = remapTrainerState(state, message.trainerItemIds, weights)
  const tuner = createFineTuner(tf, weights, features, options, { state, trainedThroughSeq: message.trainedThroughSeq, events: message.events })
  // The stored rows are these weights when the page adopted the saved model for the same catalogue
  // and nothing trained since: then the first save, too, writes only what changes.
  const inSync = storedMatches(header, weights, message.trainedThroughSeq, message.base) && (header?.data.trainer === false || state !== undefined)
  session = {
    db,
    features,
    options,
    tuner,
    backend: choice.name,
    base: message.base,
    good: checkpoint(tuner.weights, tuner.state()),
    saver: createRowSaver(db, weights, inSync ? header : undefined),
  }
  await train()
}

async function train(): Promise<void> {
  const s = session
  if (!s) return
  const before = s.tuner.trainedThroughSeq()
  const started = performance.now()
  const { loss, steps, trainedThroughSeq } = await s.tuner.train()
  if (trainedThroughSeq === before) return
  // Nothing learned (e.g. one basket, no next-item example yet): the weights are still the shop's,
  // so they are neither stored as this device's nor announced as personal; the events stay in the
  // log and train with the next ones.
  if (steps === 0) {
    post({ kind: 'trained', trainedThroughSeq, loss, steps, ms: performance.now() - started, numTensors: tf.memory().numTensors })
    return
  }
  // Everything below costs the rows this round changed, not the catalogue.
  const changes = s.tuner.takeChanges()
  if (!healthyRows(loss, s.tuner.weights, changes.rows, changes.tokens)) {
    // Back to the last good weights; the events of this round count as seen, so the same batch
    // does not diverge again and again. The page never saw this round, so it needs no word.
    s.tuner.dispose()
    const good = structuredClone(s.good)
    s.tuner = createFineTuner(tf, good.weights, s.features, s.options, { state: good.state as TrainerState, trainedThroughSeq })
    s.saver = createRowSaver(s.db, s.tuner.weights)
    post({ kind: 'error', message: `training diverged (loss ${loss}); rolled back to the last good weights` })
    return
  }
  const state = s.tuner.liveState()
  refreshCheckpoint(s.good, s.tuner.weights, state, changes.rows, changes.tokens)
  s.saver.markRows(changes.rows)
  if (changes.tokens) s.saver.markStatic()
  await s.saver.save(state, { trainedThroughSeq, backend: s.backend, base: s.base })
  const delta = takeDelta(s.tuner.weights, changes.rows, changes.tokens)
  post({ kind: 'trained', delta, trainedThroughSeq, loss, steps, ms: performance.now() - started, numTensors: tf.memory().numTensors }, deltaBuffers(delta))
}

function reset(weights: ModelWeights): void {
  if (!session) return
  session.tuner.dispose()
  session.tuner = createFineTuner(tf, weights, session.features, session.options)
  session.good = checkpoint(session.tuner.weights, session.tuner.state())
  // The page erases the store after this: the next save writes the whole model again.
  session.saver = createRowSaver(session.db, session.tuner.weights)
}

async function handle(message: ToWorker): Promise<void> {
  switch (message.kind) {
    case 'init':
      return init(message)
    case 'train':
      session?.tuner.add(message.events)
      return train()
    case 'reset':
      reset(message.weights)
      post({ kind: 'reset-done', id: message.id })
  }
}

scope.onmessage = (event: MessageEvent<ToWorker>) => {
  queue = queue
    .then(() => handle(event.data))
    .catch((error: unknown) => post({ kind: 'error', message: describeError(error) }))
}
