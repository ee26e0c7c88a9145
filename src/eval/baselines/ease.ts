import { createMetricAccumulator, topItems } from '../metrics'
import type { Method, MethodContext } from '../method'
import type { EvalCase } from '../protocol'
import { byFrequency, cooccurrence, interestItems, itemUserCounts, userRows } from './interactions'
import { invertSpdInPlace } from './linalg'
import { createThreadPool, sharedFloat64, type ThreadPool } from './linalg-threads'

export interface EaseOptions {
  /** Regularisation values tried on the validation baskets (ties: the earlier wins). */
  lambdas?: number[]
  /**
   * Validation metric that picks lambda; the other one breaks ties. HR@10 by default: it is the
   * table's headline and what the independent reference tuned on (it chose lambda 200 on the UCI
   * retail data, where NDCG@10 prefers 500 by a hair: 0.1043 vs 0.1029).
   */
  tuneOn?: 'hr10' | 'ndcg10'
  /**
   * Most items EASE models exactly. Above it the dense fit would not fit in memory (two n x n
   * Float64Array buffers: 30k items take 14.4 GB), so EASE falls back, and says so in its note, to
   * the most frequent `maxItems` (the rest score -Infinity). Every shared catalogue is below it.
   */
  maxItems?: number
  /**
   * Most items used while tuning lambda: the grid runs on the most frequent `tuneItems` (one
   * factorisation per lambda), then one exact fit at the chosen lambda covers the whole catalogue.
   * The full fit costs n^3 flops (~6 min for 12k items, ~22 min for 18k at ~4.7 GFlop/s on one core
   * of this machine), too much to repeat per lambda within the eval's budget; the G sub-block of
   * the frequent items is the same matrix, so the chosen lambda carries over. Catalogues up to this
   * size (the UCI retail one, 3.6k) are tuned whole.
   */
  tuneItems?: number
  /**
   * Worker threads for the inverse (Node only; default 1 = this thread, the one-core figure).
   * On a machine with idle cores the n^3 fit scales with them: tune on the whole catalogue then.
   */
  threads?: number
}

// Steck (2019) found optima between a few hundred and a few thousand on basket data like the
// retail set; the sparse Amazon 5-core sets want far less (the reference chose 25 and 50).
export const DEFAULT_LAMBDAS = [10, 25, 50, 100, 200, 500, 1000, 2000]
/** Exact EASE up to this many items: 2 x 8 x n^2 bytes = 14.4 GB at 30k. */
export const DEFAULT_MAX_ITEMS = 30000
export const DEFAULT_TUNE_ITEMS = 4000

interface Fitted {
  /** Catalog index of each modelled item, by slot. */
  itemOf: Int32Array
  /** Slot of each catalog item, -1 when not modelled. */
  slotOf: Int32Array
  /** P = (G + lambda I)^-1, size x size. */
  p: Float64Array
}

/** Catalog-wide scores x_u B from a fitted P, without forming B; unmodelled items get -Infinity. */
function easeScores(model: Fitted, history: readonly number[], catalogSize: number): Float32Array {
  const { itemOf, slotOf, p } = model
  const size = itemOf.length
  const sum = new Float64Array(size)
  for (const h of history) {
    const slot = slotOf[h]
    if (slot < 0) continue
    const base = slot * size
    for (let j = 0; j < size; j++) sum[j] += p[base + j]
  }
  // (x_u B)_j = x_uj - (x_u P)_j / P_jj: the x_uj term restores B's zero diagonal.
  const x = new Uint8Array(size)
  for (const h of history) if (slotOf[h] >= 0) x[slotOf[h]] = 1
  const scores = new Float32Array(catalogSize).fill(-Infinity)
  for (let j = 0; j < size; j++) scores[itemOf[j]] = x[j] - sum[j] / p[j * size + j]
  return scores
}

function slots(items: readonly number[], catalogSize: number): Pick<Fitted, 'itemOf' | 'slotOf'> {
  const itemOf = Int32Array.from(items)
  const slotOf = new Int32Array(catalogSize).fill(-1)
  itemOf.forEach((item, slot) => { slotOf[item] = slot })
  return { itemOf, slotOf }
}

function validate(model: Fitted, cases: readonly EvalCase[], catalogSize: number): { hr10: number; ndcg10: number } {
  const metrics = createMetricAccumulator(catalogSize)
  const excluded = new Uint8Array(catalogSize)
  for (const c of cases) {
    for (const e of c.history) excluded[e.item] = 1
    metrics.add(topItems(easeScores(model, interestItems(c.history), catalogSize), excluded), new Set(c.target))
    for (const e of c.history) excluded[e.item] = 0
  }
  return metrics.summary()
}

/**
 * EASE (Steck 2019, "Embarrassingly Shallow Autoencoders"): B = I - P diag(1/diag P) with
 * P = (X^T X + lambda I)^-1 on the binary training matrix X, diag(B) = 0; a user's scores are x_u B.
 * Lambda is tuned on the validation baskets.
 */
export function createEaseMethod(context: MethodContext, options: EaseOptions = {}): Method {
  const n = context.items.length
  const lambdas = options.lambdas ?? DEFAULT_LAMBDAS
  const primary = options.tuneOn ?? 'hr10'
  const secondary = primary === 'hr10' ? 'ndcg10' : 'hr10'
  const maxItems = options.maxItems ?? DEFAULT_MAX_ITEMS
  const tuneItems = Math.min(options.tuneItems ?? DEFAULT_TUNE_ITEMS, maxItems)
  const threads = options.threads ?? 1
  let model: Fitted | undefined
  let pool: ThreadPool | undefined
  const matrix = (length: number) => (pool ? sharedFloat64(length) : new Float64Array(length))
  const inverse = (a: Float64Array, size: number, work: Float64Array, progress?: (step: string) => void) =>
    (pool ? pool.invertSpdInPlace(a, size, work, progress) : invertSpdInPlace(a, size, work, progress))

  /** (G + lambda I)^-1 into `out` (G unchanged), timed. */
  const invert = (g: Float64Array, size: number, lambda: number, out: Float64Array, work: Float64Array): number => {
    const started = performance.now()
    out.set(g.subarray(0, size * size))
    for (let i = 0; i < size; i++) out[i * size + i] += lambda
    inverse(out, size, work)
    return (performance.now() - started) / 1000
  }

  /** The exact fit of `modelled` at one lambda: G is built in the buffer that becomes P (two n x n buffers in all). */
  const fitAt = (rows: Int32Array[], modelled: number[], lambda: number, log: (line: string) => void): Fitted => {
    const final = slots(modelled, n)
    const m = modelled.length
    log(`fitting ${m} items at lambda ${lambda}`)
    const p = cooccurrence(rows, final.slotOf, m, matrix(m * m))
    for (let i = 0; i < m; i++) p[i * m + i] += lambda
    const started = performance.now()
    // A third of the n^3 flops each: enough for the reader to extrapolate the rest.
    let third = 0
    inverse(p, m, matrix(m * m), (step) => log(`exact EASE: ${step} done (${++third}/3) after ${((performance.now() - started) / 1000).toFixed(0)} s`))
    const secs = (performance.now() - started) / 1000
    inverseSeconds = secs
    log(`exact EASE: ${m} x ${m} Cholesky inverse at lambda ${lambda} in ${secs.toFixed(1)} s (${(m ** 3 / secs / 1e9).toFixed(2)} GFlop/s, ${threads} thread${threads > 1 ? 's' : ''})`)
    return { ...final, p }
  }
  let inverseSeconds = 0

  const self: Method = {
    name: 'ease',
    async fit(train, log) {
      if (!lambdas.length) throw new Error('EASE needs at least one lambda to try; pass e.g. lambdas: [100, 500]')
      pool = threads > 1 ? createThreadPool(threads) : undefined
      try {
        fitWith(train, log)
      } finally {
        await pool?.close()
        pool = undefined
      }
    },
    scoreUser(history) {
      if (!model) throw new Error('EASE was asked to score before fit(); call fit(train) first')
      return easeScores(model, interestItems(history), n)
    },
    dispose() {
      model = undefined
    },
  }

  /** The fit itself; synchronous, the thread pool (if any) already open. */
  const fitWith = (train: Parameters<Method['fit']>[0], log: (line: string) => void) => {
    const rows = userRows(train.users)
    const order = byFrequency(itemUserCounts(rows, n))
    const modelled = order.slice(0, maxItems)
    const notes: string[] = []
    if (order.length > maxItems) {
      const gb = (2 * 8 * order.length ** 2 / 1e9).toFixed(1)
      const note = `FALLBACK: restricted to the ${maxItems} most frequent of ${order.length} trained items (others score -inf): the exact fit would need ${gb} GB (two n x n Float64 buffers)`
      log(note)
      notes.push(note)
    }
    const finish = (lambda: number) => {
      self.params = { lambda, items: model!.itemOf.length, inverseSeconds: Math.round(inverseSeconds * 10) / 10 }
      self.note = notes.length ? notes.join('; ') : undefined
    }
    if (lambdas.length === 1) {
      // Nothing to tune (the caller already chose lambda): one exact fit.
      model = fitAt(rows, modelled, lambdas[0], log)
      return finish(lambdas[0])
    }
    const tuneRows = train.tuning.users === train.users ? rows : userRows(train.tuning.users)
    const tuneOrder = byFrequency(itemUserCounts(tuneRows, n))
    const tuned = tuneOrder.slice(0, Math.min(tuneItems, maxItems))
    if (tuneOrder.length > tuned.length) notes.push(`lambda tuned on the ${tuned.length} most frequent items, then one exact fit`)
    const tune = { ...slots(tuned, n), p: new Float64Array(0) }
    const size = tuned.length
    const g = cooccurrence(tuneRows, tune.slotOf, size)
    let out = matrix(size * size)
    const work = matrix(size * size)
    let best = matrix(size * size)
    let bestLambda = lambdas[0]
    let bestScore = { hr10: -1, ndcg10: -1 }
    for (const lambda of lambdas) {
      const secs = invert(g, size, lambda, out, work)
      const score = validate({ ...tune, p: out }, train.tuning.validation, n)
      log(`lambda ${lambda}: validation HR@10 ${score.hr10.toFixed(4)}, NDCG@10 ${score.ndcg10.toFixed(4)} on ${size} items (inverse ${secs.toFixed(1)} s)`)
      if (score[primary] > bestScore[primary] || (score[primary] === bestScore[primary] && score[secondary] > bestScore[secondary])) {
        bestScore = score
        bestLambda = lambda
        inverseSeconds = secs
        ;[best, out] = [out, best]
      }
    }
    if (lambdas.length > 1 && (bestLambda === lambdas[0] || bestLambda === lambdas[lambdas.length - 1])) {
      notes.push(`best lambda ${bestLambda} is at the edge of the grid [${lambdas.join(', ')}]; a wider grid may do better`)
    }
    const reuse = train.tuning.users === train.users && modelled.length === size
    if (reuse) model = { ...tune, p: best }
    else {
      // Drop the tuning buffers before the big fit allocates its two.
      out = best = new Float64Array(0)
      model = fitAt(rows, modelled, bestLambda, log)
    }
    finish(bestLambda)
  }
  return self
}
