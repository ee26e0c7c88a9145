// The training worker: owns the tfjs backend and the trainer, fine-tunes on new events, persists
// the weights to IndexedDB and posts them back. Runs off the main thread so training never
// causes a long task on the page.
import { createRandom } from '../core/random'
import { buildExamples, sample, sampleNegatives } from '../core/training'
import type { ContentFeatures, ModelWeights, StoredEvent } from '../core/types'
import { chooseBackend, tf } from '../model/tf-browser'
import { createTrainer, type Trainer, type TrainerState } from '../model/trainer'
import { remapTrainerState } from '../model/trainer-state'
import { openLocalshelfDB } from '../store/db'
import { saveModel } from '../store/model-store'
import type { FineTuneOptions, FromWorker, ToWorker } from './protocol'

interface Session {
  db: ReturnType<typeof openLocalshelfDB>
  features: ContentFeatures
  weights: ModelWeights
  index: Map<string, number>
  trainer: Trainer
  events: StoredEvent[]
  trainedThroughSeq: number
  options: FineTuneOptions
  random: () => number
  backend: string
}

const scope = self as unknown as DedicatedWorkerGlobalScope
let session: Session | undefined
let queue: Promise<void> = Promise.resolve()

function post(message: FromWorker): void {
  scope.postMessage(message)
}

function newTrainer(weights: ModelWeights, features: ContentFeatures, options: FineTuneOptions, state?: TrainerState): Trainer {
  // W is shared by every shopper in a shop model: a few local events must not bend it.
  return createTrainer(tf, weights, features, { learningRate: options.learningRate, contentWeight: options.contentWeight, trainW: false }, state)
}

async function init(message: Extract<ToWorker, { kind: 'init' }>): Promise<void> {
  const choice = await chooseBackend(tf, message.backend, message.wasmPath)
  post({ kind: 'backend', backend: choice.name, reason: choice.reason })
  const { weights, features, options } = message
  // The catalog may have changed since the state was saved: re-index the optimiser's rows like the weights.
  let state = message.trainerState as TrainerState | undefined
  if (state && message.trainerItemIds) state = remapTrainerState(state, message.trainerItemIds, weights)
  session = {
    db: openLocalshelfDB(message.dbName),
    features,
    weights,
    index: new Map(weights.itemIds.map((id, i) => [id, i])),
    trainer: newTrainer(weights, features, options, state),
    events: message.events,
    trainedThroughSeq: message.trainedThroughSeq,
    options,
    random: createRandom(message.trainedThroughSeq + 1),
    backend: choice.name,
  }
  await train()
}

/** Incremental fine-tune: the events not trained on yet, plus a replay sample of older ones. */
async function train(): Promise<void> {
  const s = session
  if (!s || s.events.length === 0) return
  const lastSeq = s.events[s.events.length - 1].seq
  if (lastSeq <= s.trainedThroughSeq) return
  const started = performance.now()
  const indexOf = (id: string) => s.index.get(id)
  const fresh = buildExamples(s.events, indexOf, { afterSeq: s.trainedThroughSeq })
  let loss = 0
  let steps = 0
  if (fresh.length > 0) {
    const older = buildExamples(s.events.filter((e) => e.seq <= s.trainedThroughSeq), indexOf)
    const pool = fresh.concat(sample(s.random, older, s.options.replay))
    const { batchSize, negatives } = s.options
    for (; steps < s.options.steps; steps++) {
      const batch = pool.length <= batchSize ? pool : sample(s.random, pool, batchSize)
      loss = await s.trainer.step(batch, sampleNegatives(s.random, s.weights.itemIds.length, negatives))
    }
  }
  s.trainedThroughSeq = lastSeq
  await saveModel(await s.db, {
    version: 1,
    savedAt: Date.now(),
    trainedThroughSeq: lastSeq,
    data: { weights: s.weights, trainer: s.trainer.state(), backend: s.backend },
  })
  post({ kind: 'trained', weights: s.weights, trainedThroughSeq: lastSeq, loss, steps, ms: performance.now() - started, numTensors: tf.memory().numTensors })
}

async function handle(message: ToWorker): Promise<void> {
  switch (message.kind) {
    case 'init':
      return init(message)
    case 'train': {
      if (!session) return
      const known = session.events.length ? session.events[session.events.length - 1].seq : -Infinity
      for (const e of message.events) if (e.seq > known) session.events.push(e)
      return train()
    }
    case 'reset': {
      if (session) {
        session.trainer.dispose()
        session.weights = message.weights
        session.index = new Map(message.weights.itemIds.map((id, i) => [id, i]))
        session.trainer = newTrainer(message.weights, session.features, session.options)
        session.events = []
        session.trainedThroughSeq = 0
      }
      post({ kind: 'reset-done', id: message.id })
    }
  }
}

scope.onmessage = (event: MessageEvent<ToWorker>) => {
  queue = queue
    .then(() => handle(event.data))
    .catch((error: unknown) => post({ kind: 'error', message: error instanceof Error ? error.message : String(error) }))
}
