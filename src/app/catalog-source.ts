import { describeIssues, validateCatalogSteps, type ValidatedCatalog } from '../core/catalog'
import { parseJsonSteps } from '../core/json-array'
import { safeUrl } from '../ui/safe-url'
import { runSliced, yieldToPage } from './sliced'

const ROOT_PATH = /^\/(?![\/\\])[^\\\u0000-\u001f\u007f]*$/

/**
 * Product links and images may point at this page's origin, or at one the shop lists: a hostile
 * catalogue row must not send the shopper (or, through an image, their IP) to another site.
 */
export function sameOriginOr(origins: readonly string[] = [], base = location.href): (value: string) => boolean {
  const allowed = new Set(origins.map((origin) => safeUrl(origin, base)).filter((u): u is string => !!u).map((u) => new URL(u).origin))
  allowed.add(new URL(base).origin)
  // A root-relative path ("/img/a.svg", not "//host" or "/\\host") stays on an http(s) page's own
  // origin whatever follows: no URL parse needed. Two parses per row were most of a large
  // catalogue's validation time (37 ms of 1,533 rows in Chromium), over half the long-task budget.
  const httpPage = /^https?:/i.test(base)
  return (value) => {
    if (httpPage && ROOT_PATH.test(value)) return true
    const url = safeUrl(value, base)
    return !!url && allowed.has(new URL(url).origin)
  }
}

// Bytes decoded per task: about 1 ms. `response.text()` decodes the whole body in one task (55 ms
// of CPU for a 19 MB, 100,000-product catalogue in Chromium).
const DECODE_BYTES = 1 << 20

/** The body as text (UTF-8, as `response.text()` reads it), decoded a slice per task. */
async function readText(response: Response): Promise<string> {
  if (!response.body || typeof TextDecoder == 'undefined') return response.text()
  const reader = response.body.getReader()
  const decoder = new TextDecoder()
  const parts: string[] = []
  // Counted across chunks: a body already downloaded (the script tag's prefetch) answers each
  // read() at once, as a microtask, so yielding only inside a large chunk let a 27 MB body of
  // 64 KB chunks decode in one 136 ms task.
  let sinceYield = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    for (let at = 0; at < value.length; at += DECODE_BYTES) {
      if (sinceYield >= DECODE_BYTES) {
        await yieldToPage()
        sinceYield = 0
      }
      const slice = value.subarray(at, at + DECODE_BYTES)
      parts.push(decoder.decode(slice, { stream: true }))
      sinceYield += slice.length
    }
  }
  parts.push(decoder.decode())
  await yieldToPage()
  return parts.join('')
}

/** A validated catalog, with the hash of its text when it came from a URL (the derived tables' cache key). */
export type LoadedCatalog = ValidatedCatalog & { hash?: string }

/**
 * Loads (when given a URL) and validates a catalog; problems go to one console warning. Parsing
 * and validation run in slices of a few ms (src/app/sliced.ts): at 100,000 products each was a
 * task of 0.2-0.7 s.
 */
export async function loadCatalog(source: string | unknown[], origins?: readonly string[], prefetched?: Promise<Response>): Promise<LoadedCatalog> {
  let rows: unknown = source
  let hash: string | undefined
  if (typeof source === 'string') {
    // The script tag started this request already (src/first-paint/prefetch.ts).
    const response = await (prefetched ?? fetch(source, { credentials: 'same-origin' }))
    if (!response.ok) throw new Error(`catalog ${source} answered HTTP ${response.status}; check the data-catalog URL`)
    try {
      ;({ value: rows, hash } = await runSliced(parseJsonSteps(await readText(response))))
    } catch {
      throw new Error(`catalog ${source} is not valid JSON; it must be a JSON array of products`)
    }
  }
  const catalog = await runSliced(validateCatalogSteps(rows, { allowUrl: sameOriginOr(origins) }))
  if (catalog.issues.length) console.warn('Localshelf: ' + describeIssues(catalog.issues))
  return { ...catalog, hash }
}
