// The fine-tuned model saved by row chunks: a round rewrites the chunks holding the rows it changed
// (a few KB), not every weight and optimiser row of the catalogue (MBs at 100k items).
//
// Keys in the `model` store (all under MODEL_KEY, so clearing the store erases them all):
//   'current'            the header: a PersistedModel whose data holds the small tables and the layout
//   'current:static'     item ids, token rows, neighbours, encoder, token accumulators: rewritten only
//                        when they change (a full save, or a round that trained the token rows)
//   'current:rows:<n>'   item rows [n*CHUNK_ROWS, (n+1)*CHUNK_ROWS): embeddings and biases
//   'current:acc:<n>'    the same rows' optimiser accumulators (dropped first when the disk is full)
// One transaction writes the header and its chunks, so a reader never sees a half-saved round.
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
// Every key of the layout but the header (':' + 1 is ';').
const partsRange = () => IDBKeyRange.bound(`${MODEL_KEY}:`, `${MODEL_KEY};`, false, true)
const kindRange = (kind: 'rows' | 'acc') => IDBKeyRange.bound(`${MODEL_KEY}:${kind}:`, `${MODEL_KEY}:${kind};`, false, true)

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

/** The rows of a version-2 header reassembled into `{ weights, trainer?, backend, base }`, in the reader's transaction. */
export async function reassemble(store: Pick<ModelStore, 'get' | 'getAll' | 'getAllKeys'>, header: PersistedModel): Promise<PersistedModel | undefined> {
  const data = header.data as unknown as RowsHeader
  const { dim, items } = data
  // Chunk keys sort as strings ('rows:10' before 'rows:2'): each chunk says where it goes by its key.
  const table = async (kind: 'rows' | 'acc') => {
    const [keys, values] = await Promise.all([store.getAllKeys(kindRange(kind)), store.getAll(kindRange(kind)) as Promise<unknown[]>])
    const a = new Float32Array(items * dim)
    const b = new Float32Array(items)
    keys.forEach((key, i) => {
      const from = Number(String(key).slice(`${MODEL_KEY}:${kind}:`.length)) * data.chunkRows
      const chunk = values[i] as { a: Float32Array; b: Float32Array }
      a.set(chunk.a, from * dim)
      b.set(chunk.b, from)
    })
    return { a, b, chunks: keys.length }
  }
  const [stat, rows, acc] = await Promise.all([
    store.get(STATIC_KEY) as Promise<StaticPart | undefined>, table('rows'), data.trainer ? table('acc') : undefined,
  ])
  const chunks = Math.ceil(items / data.chunkRows)
  if (!stat || stat.itemIds.length !== items || rows.chunks !== chunks) return undefined
  const itemEmb = rows.a, itemBias = rows.b
  const weights: ModelWeights = {
    dim, buckets: data.buckets, itemIds: stat.itemIds, tokenEmb: stat.tokenEmb, itemEmb, itemBias, w: data.w, userOffset: data.userOffset,
    ...(stat.neighbors && { neighbors: stat.neighbors }), ...(stat.encoder && { encoder: stat.encoder }),
  }
  const withTrainer = acc && acc.chunks === chunks && stat.tokenAcc && data.wAcc && data.offsetAcc
  const trainer: RowOptimiserState | undefined = withTrainer
    ? { itemAcc: acc.a, biasAcc: acc.b, tokenAcc: stat.tokenAcc!, wAcc: data.wAcc!, offsetAcc: data.offsetAcc! }
    : undefined
  return { ...header, data: { weights, ...(trainer && { trainer }), backend: data.backend, base: data.base } }
}

/**
 * The trainer's saver: remembers which chunks changed since the last save that succeeded, and writes
 * only those (everything on the first save, unless `inSync` says the store already holds these rows).
 * A save the full disk refused keeps its chunks pending; one that had to drop the optimiser state
 * deletes the stored accumulators (room) and rewrites them all next time.
 */
export function createRowSaver(db: DBRef, weights: ModelWeights, inSync: boolean) {
  const chunks = () => chunkCount(weights.itemIds.length)
  let all = !inSync
  let allAcc = !inSync
  let statics = !inSync
  const rows = new Set<number>()
  const acc = new Set<number>()
  const markRows = (changed: ArrayLike<number>) => {
    for (let k = 0; k < changed.length; k++) {
      const n = Math.floor(changed[k] / CHUNK_ROWS)
      rows.add(n)
      acc.add(n)
    }
  }
  return {
    markRows,
    /** The next save rewrites everything (the weights were replaced: reset, rollback, erase). */
    markAll() {
      all = allAcc = statics = true
    },
    /** Token rows changed: the static part goes too. */
    markStatic() {
      statics = true
    },
    /** How many row chunks the next save writes (for tests and measurements). */
    pending: () => (all ? chunks() : rows.size),
    async save(state: RowOptimiserState, meta: { trainedThroughSeq: number; backend: string; base: string }): Promise<boolean> {
      const { dim } = weights
      const n = chunks()
      const rowList = all ? Array.from({ length: n }, (_, i) => i) : [...rows]
      const accList = allAcc ? Array.from({ length: n }, (_, i) => i) : [...acc]
      const slice = (table: Float32Array, c: number, width: number) => table.slice(c * CHUNK_ROWS * width, Math.min((c + 1) * CHUNK_ROWS, weights.itemIds.length) * width)
      const header = (light: boolean): PersistedModel => ({
        version: ROWS_VERSION, savedAt: Date.now(), trainedThroughSeq: meta.trainedThroughSeq,
        data: {
          layout: 'rows', chunkRows: CHUNK_ROWS, items: weights.itemIds.length, idsHash: idsHash(weights.itemIds), dim, buckets: weights.buckets,
          w: weights.w.slice(), userOffset: weights.userOffset.slice(), trainer: !light, backend: meta.backend, base: meta.base,
          ...(!light && { wAcc: state.wAcc.slice(), offsetAcc: state.offsetAcc.slice() }),
        } satisfies RowsHeader,
      })
      let wroteLight = false
      const ok = await writeModelMakingRoom(db, (store, light) => {
        wroteLight = light
        const writes: Promise<unknown>[] = []
        // A full save starts from an empty layout: chunks of a longer, older catalogue must not linger.
        if (all) writes.push(store.delete(partsRange()))
        else if (light) writes.push(store.delete(kindRange('acc')))
        if (statics || all) {
          const part: StaticPart = {
            itemIds: weights.itemIds, tokenEmb: weights.tokenEmb, ...(weights.neighbors && { neighbors: weights.neighbors }),
            ...(weights.encoder && { encoder: weights.encoder }), ...(!light && { tokenAcc: state.tokenAcc }),
          }
          writes.push(store.put(part, STATIC_KEY))
        }
        for (const c of rowList) writes.push(store.put({ a: slice(weights.itemEmb, c, dim), b: slice(weights.itemBias, c, 1) }, rowsKey(c)))
        if (!light) for (const c of accList) writes.push(store.put({ a: slice(state.itemAcc, c, dim), b: slice(state.biasAcc, c, 1) }, accKey(c)))
        writes.push(store.put(header(light), MODEL_KEY))
        return writes
      })
      if (!ok) return false
      all = false
      rows.clear()
      acc.clear()
      // Without the optimiser state the stored accumulators are gone: the next full-state save writes
      // them all, the token accumulators (static part) included.
      allAcc = statics = wroteLight
      return true
    },
  }
}

export type RowSaver = ReturnType<typeof createRowSaver>
