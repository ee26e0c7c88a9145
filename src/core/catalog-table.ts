// The validated catalogue as columns: what the page keeps of it between rankings. At 100,000
// products the rows as objects (an Item with its strings, tags array and fields object each) were
// 47 MB of the page's 103 MB; the same data as columns is a few MB. Rows are read by index: a
// shelf builds the ten Items it shows (`item(i)`), a ranking reads single columns (`category(i)`).
import { DEFAULT_CHUNK, loopSteps, runSteps, type Steps } from './steps'
import type { Item } from './types'

/** Row by product id. */
export interface IdIndex {
  get(id: string): number | undefined
}

/** The catalogue's rows by index. Iterating yields each row as a fresh Item (built on demand). */
export interface CatalogTable extends Iterable<Item> {
  readonly length: number
  /** The ids in row order (shared, never to be changed). */
  readonly ids: readonly string[]
  /** Row by id: an open-addressing table of row numbers (a Map of 100k ids was 1.8 MB, this 0.5 MB). */
  readonly index: IdIndex
  /** Row `i` as the Item validation produced, a new object on each call. */
  item(i: number): Item
  title(i: number): string | undefined
  category(i: number): string | undefined
  inStock(i: number): boolean | undefined
  /** The fields the shelves' rules read (id, category, tags, price, inStock), without the texts. */
  ruleRow(i: number): Item
}

/** A text column: few distinct values by code, or every value packed into one string. */
interface TextColumn {
  get(i: number): string | undefined
}

// A column with at most one distinct value in this many rows is stored by code (categories,
// currencies, brands); any other is packed (titles, URLs).
const DICTIONARY_SHARE = 8

function textColumn(values: (string | undefined)[]): TextColumn {
  const n = values.length
  const codes = new Map<string, number>()
  for (const value of values) {
    if (value === undefined || codes.has(value)) continue
    codes.set(value, codes.size + 1)
    if (codes.size * DICTIONARY_SHARE > n) return packedColumn(values)
  }
  const names: (string | undefined)[] = [undefined, ...codes.keys()]
  if (names.length === 1) return { get: () => undefined } // a field no row has
  const codeOf = names.length <= 0x100 ? new Uint8Array(n) : names.length <= 0x10000 ? new Uint16Array(n) : new Uint32Array(n)
  for (let i = 0; i < n; i++) if (values[i] !== undefined) codeOf[i] = codes.get(values[i]!)!
  return { get: (i) => names[codeOf[i]] }
}

// Validation never keeps an empty text, so an empty slice means "absent".
function packedColumn(values: (string | undefined)[]): TextColumn {
  const ends = new Uint32Array(values.length + 1)
  let length = 0
  for (let i = 0; i < values.length; i++) ends[i + 1] = length += values[i]?.length ?? 0
  // One flat string, not a rope of 100k parts (a rope would keep every part alive).
  const text = values.join('')
  return { get: (i) => (ends[i + 1] > ends[i] ? text.slice(ends[i], ends[i + 1]) : undefined) }
}

/** The column in 32-bit floats when every value survives the trip (units sold: whole numbers). */
function narrow(values: Float64Array): Float64Array | Float32Array {
  for (const value of values) if (!Number.isNaN(value) && Math.fround(value) !== value) return values
  return Float32Array.from(values)
}

const TEXTS = ['title', 'description', 'category', 'image', 'url', 'currency'] as const
type TextField = (typeof TEXTS)[number]
const ABSENT = 0, YES = 1, NO = 2

/** Builds the table from validated rows in slices (see steps.ts); the rows can be dropped afterwards. */
export function* catalogTableSteps(items: readonly Item[], chunk = DEFAULT_CHUNK * 8): Steps<CatalogTable> {
  const n = items.length
  const ids: string[] = new Array(n)
  const texts = Object.fromEntries(TEXTS.map((field) => [field, new Array<string | undefined>(n)])) as Record<TextField, (string | undefined)[]>
  const fields: (string | undefined)[] = new Array(n)
  const price = new Float64Array(n).fill(NaN)
  const popularity = new Float64Array(n).fill(NaN)
  const stock = new Uint8Array(n)
  // Tags by code: a shop has a few hundred distinct tags over its whole catalogue.
  const tagCodes = new Map<string, number>()
  const tagList: number[] = []
  const tagEnds = new Uint32Array(n + 1)
  yield* loopSteps(n, chunk, (i) => {
    const item = items[i]
    ids[i] = item.id
    for (const field of TEXTS) texts[field][i] = item[field]
    if (item.price !== undefined) price[i] = item.price
    if (item.popularity !== undefined) popularity[i] = item.popularity
    if (item.inStock !== undefined) stock[i] = item.inStock ? YES : NO
    for (const tag of item.tags ?? []) {
      let code = tagCodes.get(tag)
      if (code === undefined) tagCodes.set(tag, (code = tagCodes.size))
      tagList.push(code)
    }
    tagEnds[i + 1] = tagList.length
    if (item.fields) fields[i] = JSON.stringify(item.fields)
  })
  // A column per slice: at 100k rows each is a pass and, for the packed ones, a 100k-part join.
  const column = {} as Record<TextField, TextColumn>
  for (const field of TEXTS) {
    yield 0
    column[field] = textColumn(texts[field])
  }
  yield 0
  const fieldColumn = textColumn(fields)
  yield 0
  const index = yield* idIndexSteps(ids, chunk)
  // Built apart (tableOf): a closure made here would keep this scope, the rows with it, alive.
  const tagIndex = tagCodes.size <= 0x10000 ? Uint16Array.from(tagList) : Uint32Array.from(tagList)
  return tableOf({ ids, index, column, fieldColumn, price, popularity: narrow(popularity), stock, tagNames: [...tagCodes.keys()], tagIndex, tagEnds })
}

interface Columns {
  ids: string[]
  index: IdIndex
  column: Record<TextField, TextColumn>
  fieldColumn: TextColumn
  price: Float64Array
  popularity: Float64Array | Float32Array
  stock: Uint8Array
  tagNames: string[]
  tagIndex: Uint16Array | Uint32Array
  tagEnds: Uint32Array
}

function tableOf({ ids, index, column, fieldColumn, price, popularity, stock, tagNames, tagIndex, tagEnds }: Columns): CatalogTable {
  const n = ids.length
  const tagsOf = (i: number): string[] | undefined => {
    if (tagEnds[i + 1] === tagEnds[i]) return undefined
    return Array.from(tagIndex.subarray(tagEnds[i], tagEnds[i + 1]), (code) => tagNames[code])
  }
  const inStock = (i: number) => (stock[i] === ABSENT ? undefined : stock[i] === YES)
  const table: CatalogTable = {
    length: n,
    ids,
    index,
    // The keys in validation's order, so a row reads (and serialises) as it did as an object.
    item(i) {
      const item: Item = { id: ids[i] }
      for (const field of TEXTS) {
        const value = column[field].get(i)
        if (value !== undefined) item[field] = value
      }
      if (!Number.isNaN(price[i])) item.price = price[i]
      if (!Number.isNaN(popularity[i])) item.popularity = popularity[i]
      if (stock[i] !== ABSENT) item.inStock = stock[i] === YES
      const tags = tagsOf(i)
      if (tags) item.tags = tags
      const extra = fieldColumn.get(i)
      if (extra !== undefined) item.fields = JSON.parse(extra)
      return item
    },
    title: (i) => column.title.get(i),
    category: (i) => column.category.get(i),
    inStock,
    ruleRow(i) {
      const row: Item = { id: ids[i], category: column.category.get(i), tags: tagsOf(i), inStock: inStock(i) }
      if (!Number.isNaN(price[i])) row.price = price[i]
      return row
    },
    *[Symbol.iterator]() {
      for (let i = 0; i < n; i++) yield table.item(i)
    },
  }
  return table
}

// FNV-1a over the UTF-16 code units.
function hashId(id: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193)
  return h >>> 0
}

/** Row numbers by id hash, linear probing, a quarter of the slots left free; ids are unique (validation). */
function* idIndexSteps(ids: readonly string[], chunk: number): Steps<IdIndex> {
  let size = 8
  while (size < ids.length * 1.25) size *= 2
  const mask = size - 1
  const slots = new Int32Array(size).fill(-1)
  yield* loopSteps(ids.length, chunk, (row) => {
    let s = hashId(ids[row]) & mask
    while (slots[s] !== -1) s = (s + 1) & mask
    slots[s] = row
  })
  return {
    get(id) {
      if (typeof id !== 'string') return undefined
      for (let s = hashId(id) & mask; ; s = (s + 1) & mask) {
        const row = slots[s]
        if (row === -1) return undefined
        if (ids[row] === id) return row
      }
    },
  }
}

/** catalogTableSteps at once (tests, Node tools). */
export const catalogTable = (items: readonly Item[]): CatalogTable => runSteps(catalogTableSteps(items))
