// The training worker: owns the tfjs backend and the fine-tuner, trains on new events, persists
// the weights to IndexedDB and posts them back. Runs off the main thread so training never
// causes a long task on the page.
import type { ContentFeatures, ModelWeights } from '../core/types'
import { deltaBuffers, takeDelta } from '../core/weight-delta'
import type { FineTuner } from '../model/fine-tune'
import { createModelFineTuner, fittingTrainerState, remapModelTrainerState } from '../model/model-fine-tuner'
import { MAX_SEEN_EVENTS } from '../model/seen-events'
import { chooseBackend, tf } from '../model/tf-browser'
import type { TrainerState } from '../model/trainer-state'
import { ContextLostError, watchContextLoss, type ContextLossWatch } from '../model/webgl-loss'
import { openLocalshelfDB } from '../store/db'
import { createRowSaver, loadModelHeader, loadOptimiserState, storedMatches, type RowSaver } from '../store/model-rows'
import { loadShownItems } from '../store/shown-items'
import { describeError } from '../store/quota'
import { checkpoint, healthyRows, refreshCheckpoint, type Checkpoint } from './checkpoint'
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
  wasmPath: string
  /** Set while training on WebGL: a lost context moves the session to wasm (see recover). */
  gl?: ContextLossWatch
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
  // Opened, and let settle, before the backend starts: WebGL's first round compiles its shaders
  // synchronously (seconds on SwiftShader), which would keep the open's answer from being
  // dispatched before its timeout, and every save of the session would then fail. The page's 1 s
  // open timeout keeps shelves from waiting on a wedged database; nothing waits on the worker's
  // saves, so it allows a busy device (seconds under load) more time.
  const db = openLocalshelfDB(message.dbName, WORKER_OPEN_TIMEOUT_MS)
  await db.catch(() => undefined)
  const choice = await chooseBackend(tf, message.backend, message.wasmPath)
  post({ kind: 'backend', backend: choice.name, reason: choice.reason })
  // The event can come while idle: recover then, not at the next round (the queue runs it in turn).
  const gl = choice.name === 'webgl' ? watchContextLoss(tf.backend(), () => enqueue(() => recover())) : undefined
  const { weights, features, options } = message
  const header = await loadModelHeader(db).catch(() => undefined)
  // A model saved by rows keeps its optimiser state in the store (the page never loads it): read it
  // here when the page adopted that very model.
  let state = message.trainerState as TrainerState | undefined
  if (!state && header && header.trainedThroughSeq === message.trainedThroughSeq && header.data.base === message.base && message.trainedThroughSeq > 0) {
    state = await loadOptimiserState(db, header).catch(() => undefined)
  }
  // The catalog may have changed since the state was saved: re-index the optimiser's rows like the weights.
  if (state && message.trainerItemIds) state = remapModelTrainerState(state, message.trainerItemIds, weights)
  state = fittingTrainerState(weights, state)
  // A sequence model runs the sequence fine-tune (the eval's shop+finetune), others the older trainer.
  // The items shown on earlier pages: the sequence fine-tune's negatives (those never picked).
  const shown = (await loadShownItems(db, MAX_SEEN_EVENTS).catch((): string[] => [])).concat(message.shown ?? [])
  const tuner = createModelFineTuner(tf, weights, features, options, { state, trainedThroughSeq: message.trainedThroughSeq, events: message.events, shown })
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
    wasmPath: message.wasmPath,
    gl,
    saver: createRowSaver(db, weights, inSync ? header : undefined),
  }
  await train()
}

/**
 * After a lost WebGL context: the round in flight is abandoned (its partial updates went into the
 * tuner's weights), the tuner is rebuilt on wasm (else cpu) from the last good checkpoint with every
 * event it had seen, the page hears why, and the events since that checkpoint (`trainedThroughSeq`,
 * the seq the checkpoint was trained through) train again. The worker stays on wasm for its life,
 * also when the context is restored: a GPU that lost it once may again, and tfjs's webgl backend
 * keeps the dead context (it is not re-created on a new one).
 */
async function recover(trainedThroughSeq = session?.tuner.trainedThroughSeq() ?? 0): Promise<void> {
  const s = session
  const why = s?.gl?.lost()
  if (!s || !why) return
  // Stopped first: the abandoned round, whose reads release() lets through, ends at its next step.
  const events = s.tuner.seen()
  const shown = s.tuner.shown()
  s.tuner.dispose()
  s.gl!.release()
  s.gl = undefined
  let choice
  try {
    choice = await chooseBackend(tf, 'wasm', s.wasmPath)
  } catch (error) {
    session = undefined
    post({ kind: 'backend', backend: 'unavailable', reason: `${why} during training; ${describeError(error)}` })
    throw error
  }
  s.backend = choice.name
  rebuild(s, trainedThroughSeq, events, shown)
  const fallback = choice.name === 'wasm' ? '' : ` (${choice.reason})`
  post({ kind: 'backend', backend: choice.name, reason: `${why}; training moved to ${choice.name}${fallback} from the last good checkpoint (it stays there if the context comes back)` })
  await train()
}

async function train(): Promise<void> {
  const s = session
  if (!s) return
  const before = s.tuner.trainedThroughSeq()
  const started = performance.now()
  // Lost while idle, before the event's recovery ran: no round on the dead context.
  if (s.gl?.lost()) return recover(before)
  let result
  try {
    result = s.gl ? await s.gl.race(s.tuner.train()) : await s.tuner.train()
    // A round that ended on a dead context read zeros or garbage: it must not become the checkpoint.
    if (s.gl?.lost()) throw new ContextLostError(s.gl.lost()!)
  } catch (error) {
    if (error instanceof ContextLostError || s.gl?.lost()) return recover(before)
    // A step that failed (a non-finite loss or gradient after an earlier step wrote NaN) left the
    // weights half-updated: back to the last good ones, as for a diverged round.
    const seen = s.tuner.seen()
    rebuild(s, seen.length ? seen[seen.length - 1].seq : before)
    post({ kind: 'error', message: `training diverged (${describeError(error)}); rolled back to the last good weights` })
    return
  }
  const { loss, steps, trainedThroughSeq } = result
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
    rebuild(s, trainedThroughSeq)
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

/**
 * A new tuner (on the current backend) from the last good checkpoint, with every event the old one
 * had seen (older ones are replayed in later rounds), trained through `trainedThroughSeq`.
 */
function rebuild(s: Session, trainedThroughSeq: number, events = s.tuner.seen(), shown = s.tuner.shown()): void {
  s.tuner.dispose()
  const good = structuredClone(s.good)
  s.tuner = createModelFineTuner(tf, good.weights, s.features, s.options, { state: good.state as TrainerState, trainedThroughSeq, events, shown })
  // New weight tables: the next save writes the whole model again.
  s.saver = createRowSaver(s.db, s.tuner.weights)
}

function reset(weights: ModelWeights): void {
  if (!session) return
  session.tuner.dispose()
  session.tuner = createModelFineTuner(tf, weights, session.features, session.options)
  session.good = checkpoint(session.tuner.weights, session.tuner.state())
  // The page erases the store after this: the next save writes the whole model again.
  session.saver = createRowSaver(session.db, session.tuner.weights)
}

async function handle(message: ToWorker): Promise<void> {
  switch (message.kind) {
    case 'init':
      return init(message)
    case 'train':
      session?.tuner.show(message.shown ?? [])
      session?.tuner.add(message.events)
      return train()
    case 'reset':
      reset(message.weights)
      post({ kind: 'reset-done', id: message.id })
  }
}

/** Runs `job` after everything before it; a failure is reported and does not stop the queue. */
function enqueue(job: () => Promise<void>): void {
  queue = queue.then(job).catch((error: unknown) => post({ kind: 'error', message: describeError(error) }))
}

scope.onmessage = (event: MessageEvent<ToWorker>) => enqueue(() => handle(event.data))
