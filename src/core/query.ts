import { contentProfile, denseProfile } from './content'
import { postingsOf } from './postings'
import { tokenBucket } from './features'
import { tokenize } from './tokens'
import { isPacked, rowFrom, rowTo } from './packed-features'
import type { FeatureRows, Item, PackedFeatures } from './types'

// The "tell us what you need" box: a free-text query turned into a profile over the same hashed
// TF-IDF token buckets the items are described by, so it is ranked by the model's content side.
// Each query word is matched to the catalog's vocabulary: exactly, by its singular (candles ->
// candle, boxes -> box, berries -> berry), or, when no word matches so, by character bigrams
// (candel -> candle). Word order does not matter: the profile is a bag of words.

/** Crude English singular: enough for catalog words, never shorter than three letters. */
export function singular(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return word.slice(0, -3) + 'y'
  if (word.length > 4 && /(ch|sh|x|ss|zz)es$/.test(word)) return word.slice(0, -2)
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us')) return word.slice(0, -1)
  return word
}

function bigrams(word: string): Set<string> {
  const padded = `^${word}$`
  const out = new Set<string>()
  for (let i = 0; i < padded.length - 1; i++) out.add(padded.slice(i, i + 2))
  return out
}

/** Dice coefficient of two words' character bigrams (with start/end marks), 0..1. */
export function bigramSimilarity(a: string, b: string): number {
  const x = bigrams(a)
  const y = bigrams(b)
  let common = 0
  for (const g of x) if (y.has(g)) common++
  return (2 * common) / (x.size + y.size)
}

/**
 * Edit distance with adjacent transpositions (optimal string alignment): "candel" is one edit
 * from "candle" and two from "candy", which bigrams alone rank the other way round.
 */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = []
  for (let i = 0; i <= a.length; i++) {
    rows.push([i])
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) { rows[0].push(j); continue }
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1)
      rows[i].push(d)
    }
  }
  return rows[a.length][b.length]
}

// Character bigrams shortlist the vocabulary (a typo keeps most of a word's bigrams); the edit
// distance then scores the shortlist. One edit in five letters is a typo; more is another word.
const SHORTLIST_MIN = 0.4
const FUZZY_MIN = 0.75

/** The catalog's words, by singular form, with the feature tokens they appear as. */
export interface QueryIndex {
  /** singular -> the tokens the features hashed for it ("candles", "tag:candle", "cat:candles"…) */
  words: Map<string, string[]>
}

export function buildQueryIndex(items: Iterable<Item>): QueryIndex {
  const words = new Map<string, string[]>()
  // Only tokens that exist are listed: hashing a made-up "cat:red" could collide with a real bucket.
  const add = (word: string, token: string) => {
    const key = singular(word)
    const tokens = words.get(key)
    if (!tokens) words.set(key, [token])
    else if (!tokens.includes(token)) tokens.push(token)
  }
  for (const item of items) {
    for (const w of tokenize(item.title ?? '')) add(w, w)
    for (const w of tokenize(item.description ?? '').slice(0, 24)) add(w, w)
    if (item.category) for (const w of tokenize(item.category)) add(w, 'cat:' + item.category.toLowerCase())
    for (const tag of item.tags ?? []) for (const w of tokenize(tag)) add(w, 'tag:' + tag.toLowerCase())
  }
  return { words }
}

/** Feature tokens a query word stands for, with how sure the match is (1: exact or plural). */
export function matchWord(index: QueryIndex, word: string): Array<[string, number]> {
  const key = singular(word)
  const exact = index.words.get(key)
  if (exact) return exact.map((w) => [w, 1])
  if (key.length < 4) return [] // too short to tell a typo from another word
  let best = FUZZY_MIN
  let found: string[] = []
  for (const [candidate, forms] of index.words) {
    if (Math.abs(candidate.length - key.length) > 2 || bigramSimilarity(key, candidate) < SHORTLIST_MIN) continue
    const s = 1 - editDistance(key, candidate) / Math.max(key.length, candidate.length)
    if (s > best + 1e-9) { best = s; found = forms.slice() }
    else if (Math.abs(s - best) <= 1e-9) found.push(...forms)
  }
  return found.map((w) => [w, best])
}

/**
 * The dense bucket table of one query word: every feature token it stands for (title word, tag,
 * category). Undefined when nothing matched.
 */
function wordTable(index: QueryIndex, features: FeatureRows, word: string): Float32Array | undefined {
  const matches = matchWord(index, word)
  if (!matches.length) return undefined
  const table = new Float32Array(features.buckets)
  for (const [token, sure] of matches) {
    const b = tokenBucket(token, features.buckets)
    table[b] = Math.max(table[b], sure)
  }
  return table
}

// An item matching more of the query's words always ranks above one matching fewer: coverage
// counts whole words, and the TF-IDF match (at most 1 per word) only orders within a level.
const COVERAGE = 2

/**
 * How well each item matches the query: the share of the query's words it matches (typo- and
 * plural-tolerant), then its TF-IDF weight on those words, plus `profileWeight` times its cosine
 * with the shopper's own content profile. Items that match no query word score 0.
 */
export function queryScores(
  index: QueryIndex,
  features: FeatureRows,
  count: number,
  query: string,
  history?: { context: number[]; weights: number[] },
  profileWeight = 0.2,
): Float32Array {
  const tables = [...new Set(tokenize(query))].map((w) => wordTable(index, features, w)).filter((t) => t !== undefined)
  const out = new Float32Array(count)
  if (!tables.length) return out
  const taste = history?.context.length ? denseProfile(features, contentProfile(features, history.context, history.weights), profileWeight) : undefined
  if (isPacked(features)) return packedQueryScores(out, features, tables, taste)
  // Through the postings: only items carrying one of the words' buckets are touched (a dense pass
  // over every item's token slots per word was most of a 100k-item need shelf).
  const { start, items, weights } = postingsOf(features)
  const { tokenIds, tokenWeights } = features
  const matched = new Uint8Array(count)
  const weight = new Float64Array(count)
  const sum = new Float64Array(count) // one word's TF-IDF match per item, reset after each word
  const candidates: number[] = []
  const touched: number[] = []
  for (const table of tables) {
    for (let b = 0; b < table.length; b++) {
      const v = table[b]
      if (v === 0) continue
      for (let p = start[b], end = start[b + 1]; p < end; p++) {
        const i = items[p]
        if (i >= count) continue
        if (sum[i] === 0) touched.push(i)
        sum[i] += weights[p] * v
      }
    }
    for (const i of touched) {
      const s = sum[i]
      sum[i] = 0
      if (s <= 0) continue
      if (matched[i]++ === 0) candidates.push(i)
      weight[i] += Math.min(1, s)
    }
    touched.length = 0
  }
  for (const i of candidates) {
    let t = 0
    if (taste) for (let k = rowFrom(features, i), end = rowTo(features, i); k < end; k++) t += tokenWeights[k] * taste[tokenIds[k]]
    out[i] = (COVERAGE * matched[i] + weight[i]) / tables.length + t
  }
  return out
}

/** queryScores on the page's packed features (it keeps no postings): one pass over every item's slots. */
function packedQueryScores(out: Float32Array, features: PackedFeatures, tables: Float32Array[], taste: Float32Array | undefined): Float32Array {
  const { rowStart, tokenIds, tokenWeights } = features
  for (let i = 0; i < out.length; i++) {
    const from = rowStart[i], to = rowStart[i + 1]
    let matched = 0
    let weight = 0
    for (const table of tables) {
      let s = 0
      for (let k = from; k < to; k++) s += tokenWeights[k] * table[tokenIds[k]]
      if (s <= 0) continue
      matched++
      weight += Math.min(1, s)
    }
    if (!matched) continue
    let t = 0
    if (taste) for (let k = from; k < to; k++) t += tokenWeights[k] * taste[tokenIds[k]]
    out[i] = (COVERAGE * matched + weight) / tables.length + t
  }
  return out
}
