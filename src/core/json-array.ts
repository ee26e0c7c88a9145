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
  let hash = 0x811c9dc5
  const n = text.length
  let i = 0
  while (i < n && isSpace(text.charCodeAt(i))) i++
  if (text.charCodeAt(i) !== 91 /* [ */) {
    for (let k = 0; k < n; k++) hash = Math.imul(hash ^ text.charCodeAt(k), 16777619)
    return { value: JSON.parse(text), hash: hex(hash) }
  }
  const out: unknown[] = []
  let from = ++i // the first character of the current run of elements
  let depth = 0
  let inString = false
  let cut = false // whether a run ended at a comma before
  for (;;) {
    const stop = Math.min(n, i + chunkChars)
    for (; i < stop; i++) {
      const c = text.charCodeAt(i)
      hash = Math.imul(hash ^ c, 16777619)
      if (inString) {
        if (c === 92 /* \ */) {
          i++
          if (i < n) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619)
        } else if (c === 34 /* " */) inString = false
      } else if (c === 34) inString = true
      else if (c === 91 || c === 123) depth++
      else if (c === 93 || c === 125) {
        if (depth-- > 0) continue
        // The array's closing bracket: the last run, then only white space may follow.
        const last = text.slice(from, i)
        if (cut && !last.trim()) throw new SyntaxError(`Unexpected token ']' in JSON at position ${i}`)
        push(out, JSON.parse('[' + last + ']'))
        for (let k = i + 1; k < n; k++) {
          hash = Math.imul(hash ^ text.charCodeAt(k), 16777619)
          if (!isSpace(text.charCodeAt(k))) throw new SyntaxError(`Unexpected non-whitespace character after JSON at position ${k}`)
        }
        return { value: out, hash: hex(hash) }
      } else if (c === 44 /* , */ && depth === 0 && i - from >= chunkChars) {
        // A long enough run of whole elements: parse it now ("[1,  ,2]" must still fail).
        const run = text.slice(from, i)
        if (!run.trim()) throw new SyntaxError(`Unexpected token ',' in JSON at position ${i}`)
        push(out, JSON.parse('[' + run + ']'))
        from = i + 1
        cut = true
      }
    }
    if (i >= n) throw new SyntaxError('Unexpected end of JSON input')
    yield chunkChars
  }
}

function push(out: unknown[], values: unknown[]): void {
  for (const value of values) out.push(value)
}

const isSpace = (c: number) => c === 32 || c === 10 || c === 13 || c === 9
const hex = (hash: number) => (hash >>> 0).toString(16).padStart(8, '0')
