// The training worker: owns the tfjs backend and the fine-tuner, trains on new events, persists
// the weights to IndexedDB and posts them back. Runs off the main thread so training never
// causes a long task on the page.
import type { ContentFeatures, ModelWeights } from '../core/types'
import { createFineTuner, type FineTuner } from '../model/fine-tune'
import { chooseBackend, tf } from '../model/tf-browser'
import { remapTrainerState, type TrainerState } from '../model/trainer-state'
import { openLocalshelfDB } from '../store/db'
import { saveModelMakingRoom } from '../store/make-room'
import { describeError } from '../store/quota'
import { checkpoint, healthy, type Checkpoint } from './checkpoint'
import type { FineTuneOptions, FromWorker, ToWorker } from './protocol'

const WORKER_OPEN_TIMEOUT_MS = 15_000

interface Session {
  db: ReturnType<typeof openLocalshelfDB>
  features: ContentFeatures
  options: FineTuneOptions
  tuner: FineTuner
  backend: string
  base: string
  /** What a diverged round rolls back to. */
  good: Checkpoint
}

const scope = self as unknown as DedicatedWorkerGlobalScope
let session: Session | undefined
let queue: Promise<void> = Promise.resolve()

function post(message: FromWorker): void {
  scope.postMessage(message)
}

async function init(message: Extract<ToWorker, { kind: 'init' }>): Promise<void> {
  const choice = await chooseBackend(tf, message.backend, message.wasmPath)
  post({ kind: 'backend', backend: choice.name, reason: choice.reason })
  const { weights, features, options } = message
  // The catalog may have changed since the state was saved: re-index the optimiser's rows like the weights.
  let state = message.trainerState as TrainerState | undefined
  if (state && message.trainerItemIds) state = remapTrainerState(state, message.trainerItemIds, weights)
  const tuner = createFineTuner(tf, weights, features, options, { state, trainedThroughSeq: message.trainedThroughSeq, events: message.events })
  session = {
    // The page's 1 s open timeout keeps shelves from waiting on a wedged database; nothing waits on
    // the worker's saves, so it allows a busy device (seconds under load) more time.
    db: openLocalshelfDB(message.dbName, WORKER_OPEN_TIMEOUT_MS),
    features,
    options,
    tuner,
    backend: choice.name,
    base: message.base,
    good: checkpoint(tuner.weights, tuner.state()),
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
    post({ kind: 'trained', weights: s.tuner.weights, trainedThroughSeq, loss, steps, ms: performance.now() - started, numTensors: tf.memory().numTensors })
    return
  }
  if (!healthy(loss, s.tuner.weights)) {
    // Back to the last good weights; the events of this round count as seen, so the same batch
    // does not diverge again and again.
    s.tuner.dispose()
    const good = structuredClone(s.good)
    s.tuner = createFineTuner(tf, good.weights, s.features, s.options, { state: good.state as TrainerState, trainedThroughSeq })
    post({ kind: 'error', message: `training diverged (loss ${loss}); rolled back to the last good weights` })
    return
  }
  s.good = checkpoint(s.tuner.weights, s.tuner.state())
  await saveModelMakingRoom(s.db, {
    version: 1,
    savedAt: Date.now(),
    trainedThroughSeq,
    data: { weights: s.tuner.weights, trainer: s.tuner.state(), backend: s.backend, base: s.base },
  }, ['trainer'])
  post({ kind: 'trained', weights: s.tuner.weights, trainedThroughSeq, loss, steps, ms: performance.now() - started, numTensors: tf.memory().numTensors })
}

function reset(weights: ModelWeights): void {
  if (!session) return
  session.tuner.dispose()
  session.tuner = createFineTuner(tf, weights, session.features, session.options)
  session.good = checkpoint(session.tuner.weights, session.tuner.state())
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
