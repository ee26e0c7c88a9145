// The fine-tuned model saved by rows: a round writes the rows it changed (a few hundred, ~100 KB)
// and a couple of row chunks, never every weight and optimiser row of the catalogue (MBs at 100k).
//
// A round's rows are spread over the whole catalogue (its 64 negatives per step are drawn from all
// items: at 100k items one round touched 97 of 98 chunks of 1024 rows), so rewriting the chunks that
// hold changed rows costs as much as a full save. Instead each round appends its rows to a log, and
// rewrites the ROLL_CHUNKS chunks saved longest ago with the current rows; a log record is dropped
// once every chunk was rewritten after it. The log thus holds at most chunks / ROLL_CHUNKS rounds,
// and a round's save costs the same at 1k and 100k items.
//
// Keys in the `model` store (all under MODEL_KEY, so clearing the store erases them all):
//   'current'              the header: a PersistedModel whose data holds the small tables and the layout
//   'current:static'       item ids, token rows, neighbours, encoder, token accumulators: rewritten only
//                          when they change (a full save, or a round that trained the token rows)
//   'current:rows:<n>'     item rows [n*CHUNK_ROWS, (n+1)*CHUNK_ROWS): embeddings and biases
//   'current:acc:<n>'      the same rows' optimiser accumulators (dropped first when the disk is full)
//   'current:log:<round>'  one round's changed rows (and accumulators), round zero-padded so keys sort
// One transaction writes a round, so a reader never sees a half-saved one. A load applies the log
// in order over the chunks: a row's newest logged value is at least as new as its chunk's.
import { hashString } from '../core/random'
import type { ModelWeights } from '../core/types'
import { writeModelMakingRoom, type ModelStore } from './make-room'
import { MODEL_KEY, type DBRef, type PersistedModel } from './schema'

/** Rows per chunk: 128 KB of embeddings at dim 32, so a round's few hundred rows touch a few chunks. */
export const CHUNK_ROWS = 1024
/** PersistedModel.version of this layout (version 1 is the whole model under MODEL_KEY). */
export const ROWS_VERSION = 2

/** The optimiser tables the saver knows: two follow the item rows, the others are small or static. */
export interface RowOptimiserState {
  itemAcc: Float32Array
  biasAcc: Float32Array
  tokenAcc: Float32Array
  wAcc: Float32Array
  offsetAcc: Float32Array
}

/** The header's data. */
interface RowsHeader {
  layout: 'rows'
  chunkRows: number
  items: number
  /** hashString of the item ids: tells a trainer whether the stored rows are in its order. */
  idsHash: string
  dim: number
  buckets: number
  w: Float32Array
  userOffset: Float32Array
  /** False when the last save had to leave the optimiser state out (full disk). */
  trainer: boolean
  wAcc?: Float32Array
  offsetAcc?: Float32Array
  backend: string
  base: string
  /** The last round saved; its log records are rounds logFrom..round. */
  round: number
  logFrom: number
  /** The round each chunk was last written in. */
  chunkRound: Int32Array
  /** Log records older than this carry stale accumulators (all were rewritten then). */
  accSince: number
}

interface StaticPart {
  itemIds: string[]
  tokenEmb: Float32Array
  neighbors?: ModelWeights['neighbors']
  encoder?: ModelWeights['encoder']
  tokenAcc?: Float32Array
}

const STATIC_KEY = `${MODEL_KEY}:static`
const rowsKey = (n: number) => `${MODEL_KEY}:rows:${n}`
const accKey = (n: number) => `${MODEL_KEY}:acc:${n}`
const logKey = (round: number) => `${MODEL_KEY}:log:${String(round).padStart(12, '0')}`
// Every key of the layout but the header (':' + 1 is ';').
const partsRange = () => IDBKeyRange.bound(`${MODEL_KEY}:`, `${MODEL_KEY};`, false, true)
const kindRange = (kind: 'rows' | 'acc' | 'log') => IDBKeyRange.bound(`${MODEL_KEY}:${kind}:`, `${MODEL_KEY}:${kind};`, false, true)

/** Chunks a round rewrites besides its log record: 2 x 128 KB of rows at dim 32, whatever the catalogue. */
export const ROLL_CHUNKS = 2

/** One round's changed rows: embeddings (a), biases (b) and, unless the disk was full, accumulators (c, d). */
interface LogRecord {
  rows: Int32Array
  a: Float32Array
  b: Float32Array
  c?: Float32Array
  d?: Float32Array
}

export const idsHash = (itemIds: string[]): string => `${itemIds.length}:${hashString(itemIds.join('\u0000')).toString(36)}`

const chunkCount = (items: number) => Math.ceil(items / CHUNK_ROWS)

/** True when the stored header holds exactly these weights' rows, in this order, as of `trainedThroughSeq`. */
export function storedMatches(header: PersistedModel | undefined, weights: ModelWeights, trainedThroughSeq: number, base: string): boolean {
  const data = header?.data as unknown as RowsHeader | undefined
  return !!header && header.version === ROWS_VERSION && data?.layout === 'rows' && header.trainedThroughSeq === trainedThroughSeq &&
    data.base === base && data.dim === weights.dim && data.items === weights.itemIds.length && data.idsHash === idsHash(weights.itemIds)
}

/** Reads the header only (a few KB): enough to tell whether the stored rows are in sync. */
export const loadModelHeader = async (db: DBRef): Promise<PersistedModel | undefined> => (await db).transaction('model').store.get(MODEL_KEY) as Promise<PersistedModel | undefined>

type ReadStore = Pick<ModelStore, 'get' | 'getAll' | 'getAllKeys'>

/**
 * One table pair (rows: embeddings and biases; acc: their accumulators) from its chunks, then the
 * log records from `since` on applied in round order (the keys are zero-padded), so a row ends at
 * its newest logged value. Undefined when a chunk or a record is missing.
 */
async function readTable(store: ReadStore, data: RowsHeader, kind: 'rows' | 'acc', since: number) {
  const { dim, items } = data
  const [keys, values, logs] = await Promise.all([
    store.getAllKeys(kindRange(kind)), store.getAll(kindRange(kind)) as Promise<unknown[]>, store.getAll(kindRange('log')) as Promise<LogRecord[]>,
  ])
  if (keys.length !== chunkCount(items) || logs.length !== data.round - data.logFrom + 1) return undefined
  const a = new Float32Array(items * dim)
  const b = new Float32Array(items)
  // Chunk keys sort as strings ('rows:10' before 'rows:2'): each chunk says where it goes by its key.
  keys.forEach((key, i) => {
    const from = Number(String(key).slice(`${MODEL_KEY}:${kind}:`.length)) * data.chunkRows
    const chunk = values[i] as { a: Float32Array; b: Float32Array }
    a.set(chunk.a, from * dim)
    b.set(chunk.b, from)
  })
  logs.forEach((log, k) => {
    const [la, lb] = kind === 'rows' ? [log.a, log.b] : [log.c, log.d]
    if (!la || !lb || data.logFrom + k < since) return
    log.rows.forEach((r, i) => {
      a.set(la.subarray(i * dim, (i + 1) * dim), r * dim)
      b[r] = lb[i]
    })
  })
  return { a, b }
}

/**
 * The weights of a version-2 header, reassembled in the reader's transaction, as
 * `{ weights, backend, base }`. The optimiser state stays in the store: only the trainer reads it
 * (loadOptimiserState), so the page never holds a second catalogue-sized table.
 */
export async function reassemble(store: ReadStore, header: PersistedModel): Promise<PersistedModel | undefined> {
  const data = header.data as unknown as RowsHeader
  const [stat, rows] = await Promise.all([store.get(STATIC_KEY) as Promise<StaticPart | undefined>, readTable(store, data, 'rows', 0)])
  if (!stat || !rows || stat.itemIds.length !== data.items) return undefined
  const weights: ModelWeights = {
    dim: data.dim, buckets: data.buckets, itemIds: stat.itemIds, tokenEmb: stat.tokenEmb, itemEmb: rows.a, itemBias: rows.b, w: data.w,
    userOffset: data.userOffset, neighbors: stat.neighbors, encoder: stat.encoder,
  }
  return { ...header, data: { weights, backend: data.backend, base: data.base } }
}

/** The saved optimiser state of a version-2 header, in the saved model's item order; undefined when it was not saved. */
export async function loadOptimiserState(db: DBRef, header: PersistedModel): Promise<RowOptimiserState | undefined> {
  const data = header.data as unknown as RowsHeader
  if (header.version !== ROWS_VERSION || !data.trainer) return undefined
  const store = (await db).transaction('model').store
  const [stat, acc] = await Promise.all([store.get(STATIC_KEY) as Promise<StaticPart | undefined>, readTable(store, data, 'acc', data.accSince)])
  // A header that says `trainer` was written with every accumulator (see save).
  return stat?.tokenAcc && acc ? { itemAcc: acc.a, biasAcc: acc.b, tokenAcc: stat.tokenAcc, wAcc: data.wAcc!, offsetAcc: data.offsetAcc! } : undefined
}

/**
 * The trainer's saver: remembers the rows changed since the last save that succeeded and writes
 * them as one log record, plus the ROLL_CHUNKS chunks written longest ago (see the top of this
 * file). Everything on the first save, unless `stored` is the header of the very rows these weights
 * hold (see storedMatches). A save the full disk refused keeps its rows pending; one that had to drop
 * the optimiser state deletes the stored accumulators (room) and rewrites them all next time.
 */
export function createRowSaver(db: DBRef, weights: ModelWeights, stored?: PersistedModel) {
  const chunks = chunkCount(weights.itemIds.length)
  const at = stored?.data as unknown as RowsHeader | undefined
  let all = !at
  let allAcc = !at || !at.trainer
  let statics = allAcc
  let round = at?.round ?? 0
  let logFrom = at?.logFrom ?? 1
  let accSince = at?.accSince ?? 0
  let chunkRound = at?.chunkRound.slice() ?? new Int32Array(chunks)
  const pending = new Set<number>()
  return {
    markRows(changed: ArrayLike<number>) {
      for (let k = 0; k < changed.length; k++) pending.add(changed[k])
    },
    /** Token rows changed: the static part goes too. */
    markStatic() {
      statics = true
    },
    /** What the next save writes: changed rows and whole chunks (for tests and measurements). */
    pending: () => ({ rows: all ? weights.itemIds.length : pending.size, chunks: all ? chunks : Math.min(ROLL_CHUNKS, chunks) }),
    async save(state: RowOptimiserState, meta: { trainedThroughSeq: number; backend: string; base: string }): Promise<boolean> {
      const { dim } = weights
      const r = round + 1
      const slice = (table: Float32Array, c: number, width: number) => table.slice(c * CHUNK_ROWS * width, Math.min((c + 1) * CHUNK_ROWS, weights.itemIds.length) * width)
      // The chunks this round rewrites: all of them, or those written longest ago.
      const roll = all ? Array.from({ length: chunks }, (_, c) => c) : Array.from(chunkRound.keys()).sort((x, y) => chunkRound[x] - chunkRound[y] || x - y).slice(0, ROLL_CHUNKS)
      const nextChunkRound = chunkRound.slice()
      for (const c of roll) nextChunkRound[c] = r
      // Records no chunk is older than are covered; a record covered at once is not written.
      const nextLogFrom = Math.max(logFrom, nextChunkRound.reduce((m, x) => Math.min(m, x), r) + 1)
      const rows = Int32Array.from(pending).sort()
      const take = (table: Float32Array, width: number) => {
        const out = new Float32Array(rows.length * width)
        rows.forEach((row, i) => out.set(table.subarray(row * width, (row + 1) * width), i * width))
        return out
      }
      let wroteLight = false
      const ok = await writeModelMakingRoom(db, (store, light) => {
        wroteLight = light
        const writes: Promise<unknown>[] = []
        const fullAcc = !light && allAcc
        // A full save starts from an empty layout: chunks of a longer, older catalogue must not linger.
        if (all) writes.push(store.delete(partsRange()))
        else {
          if (light) writes.push(store.delete(kindRange('acc')))
          if (nextLogFrom > logFrom) writes.push(store.delete(IDBKeyRange.bound(logKey(logFrom), logKey(nextLogFrom), false, true)))
          if (nextLogFrom <= r) {
            const record: LogRecord = { rows, a: take(weights.itemEmb, dim), b: take(weights.itemBias, 1), ...(!light && { c: take(state.itemAcc, dim), d: take(state.biasAcc, 1) }) }
            writes.push(store.put(record, logKey(r)))
          }
        }
        if (statics || all || fullAcc) {
          const part: StaticPart = {
            itemIds: weights.itemIds, tokenEmb: weights.tokenEmb, ...(weights.neighbors && { neighbors: weights.neighbors }),
            ...(weights.encoder && { encoder: weights.encoder }), ...(!light && { tokenAcc: state.tokenAcc }),
          }
          writes.push(store.put(part, STATIC_KEY))
        }
        for (const c of roll) writes.push(store.put({ a: slice(weights.itemEmb, c, dim), b: slice(weights.itemBias, c, 1) }, rowsKey(c)))
        if (!light) for (const c of fullAcc ? chunkRound.keys() : roll) writes.push(store.put({ a: slice(state.itemAcc, c, dim), b: slice(state.biasAcc, c, 1) }, accKey(c)))
        const header: RowsHeader = {
          layout: 'rows', chunkRows: CHUNK_ROWS, items: weights.itemIds.length, idsHash: idsHash(weights.itemIds), dim, buckets: weights.buckets,
          w: weights.w.slice(), userOffset: weights.userOffset.slice(), trainer: !light, backend: meta.backend, base: meta.base,
          ...(!light && { wAcc: state.wAcc.slice(), offsetAcc: state.offsetAcc.slice() }),
          round: r, logFrom: nextLogFrom, chunkRound: nextChunkRound, accSince: fullAcc ? r : accSince,
        }
        writes.push(store.put({ version: ROWS_VERSION, savedAt: Date.now(), trainedThroughSeq: meta.trainedThroughSeq, data: header as unknown as Record<string, unknown> }, MODEL_KEY))
        return writes
      })
      if (!ok) return false
      if (!wroteLight && allAcc) accSince = r
      all = false
      pending.clear()
      round = r
      logFrom = nextLogFrom
      chunkRound = nextChunkRound
      // Without the optimiser state the stored accumulators are gone: the next full-state save writes
      // them all, the token accumulators (static part) included.
      allAcc = statics = wroteLight
      return true
    },
  }
}

export type RowSaver = ReturnType<typeof createRowSaver>
