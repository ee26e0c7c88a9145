import type { Steps } from './steps'

/** What parseJsonSteps returns: the value, and a hash of the text for cache keys (FNV-1a, 32 bits, hex). */
export interface ParsedJson {
  value: unknown
  hash: string
}

/**
 * JSON.parse for a large top-level array, in slices: the text is scanned about `chunkChars`
 * characters at a time for the commas between the array's elements, and each run of whole
 * elements goes to JSON.parse on its own (one JSON.parse of a 100,000-product catalogue is a
 * 200 ms task). Each slice yields the number of characters it scanned. Anything but an array (an
 * object with an "items" array, say) is parsed in one piece. Invalid JSON throws SyntaxError, as
 * JSON.parse does: every element still goes through JSON.parse, and the scan rejects what slicing
 * alone would let through (text after the array, an empty last element).
 */
export function* parseJsonSteps(text: string, chunkChars = 1 << 16): Steps<ParsedJson> {
  const n = text.length
  let i = 0
  while (i < n && isSpace(text.charCodeAt(i))) i++
  if (text.charCodeAt(i) !== 91 /* [ */) {
    const value = JSON.parse(text)
    return { value, hash: hex(hashRange(text, 0, n, FNV_SEED)) }
  }
  const out: unknown[] = []
  const scan: Scan = { i: i + 1, depth: 0, inString: false, hash: FNV_SEED, comma: -1, end: -1 }
  let from = scan.i // the first character of the current run of elements
  let cut = false // whether a run ended at a comma before
  for (;;) {
    // The scan is a plain function: a hot loop inside a generator runs several times slower.
    scanUntil(text, scan, Math.min(n, scan.i + chunkChars), from + chunkChars)
    if (scan.end >= 0) {
      // The array's closing bracket: the last run, then only white space may follow.
      const last = text.slice(from, scan.end)
      if (cut && !last.trim()) throw new SyntaxError(`Unexpected token ']' in JSON at position ${scan.end}`)
      push(out, JSON.parse('[' + last + ']'))
      for (let k = scan.end + 1; k < n; k++) {
        if (!isSpace(text.charCodeAt(k))) throw new SyntaxError(`Unexpected non-whitespace character after JSON at position ${k}`)
      }
      return { value: out, hash: hex(hashRange(text, scan.end, n, scan.hash)) }
    }
    if (scan.comma >= 0) {
      // A long enough run of whole elements: parse it now ("[1,  ,2]" must still fail).
      const run = text.slice(from, scan.comma)
      if (!run.trim()) throw new SyntaxError(`Unexpected token ',' in JSON at position ${scan.comma}`)
      push(out, JSON.parse('[' + run + ']'))
      from = scan.comma + 1
      scan.comma = -1
      cut = true
    } else if (scan.i >= n) throw new SyntaxError('Unexpected end of JSON input')
    yield chunkChars
  }
}

/** Where a scan stands: position, nesting inside the array, and the text's hash so far. */
type Scan = { i: number; depth: number; inString: boolean; hash: number; comma: number; end: number }

const FNV_SEED = 0x811c9dc5

/**
 * Scans up to `stop`, hashing what it passes; stops early at the array's closing bracket (sets
 * `end`) or at a top-level comma at or after `cutFrom` (sets `comma`).
 */
function scanUntil(text: string, scan: Scan, stop: number, cutFrom: number): void {
  let { i, depth, inString, hash } = scan
  for (; i < stop; i++) {
    const c = text.charCodeAt(i)
    hash = Math.imul(hash ^ c, 16777619)
    if (inString) {
      if (c === 92 /* \ */) {
        i++
        hash = Math.imul(hash ^ text.charCodeAt(i), 16777619)
      } else if (c === 34 /* " */) inString = false
    } else if (c === 34) inString = true
    else if (c === 91 || c === 123) depth++
    else if (c === 93 || c === 125) {
      if (depth-- === 0) {
        scan.end = i
        break
      }
    } else if (c === 44 /* , */ && depth === 0 && i >= cutFrom) {
      scan.comma = i++
      break
    }
  }
  Object.assign(scan, { i, depth, inString, hash })
}

function hashRange(text: string, from: number, to: number, hash: number): number {
  for (let k = from; k < to; k++) hash = Math.imul(hash ^ text.charCodeAt(k), 16777619)
  return hash
}

function push(out: unknown[], values: unknown[]): void {
  for (const value of values) out.push(value)
}

const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9
const hex = (hash: number) => (hash >>> 0).toString(16).padStart(8, '0')
