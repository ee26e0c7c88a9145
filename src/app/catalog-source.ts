import { describeIssues, validateCatalog, type ValidatedCatalog } from '../core/catalog'
import { safeUrl } from '../ui/safe-url'
import { nextTask } from './next-task'

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

/** Loads (when given a URL) and validates a catalog; problems go to one console warning. */
export async function loadCatalog(source: string | unknown[], origins?: readonly string[]): Promise<ValidatedCatalog> {
  let rows: unknown = source
  if (typeof source === 'string') {
    const response = await fetch(source, { credentials: 'same-origin' })
    if (!response.ok) throw new Error(`catalog ${source} answered HTTP ${response.status}; check the data-catalog URL`)
    try {
      rows = await response.json()
    } catch {
      throw new Error(`catalog ${source} is not valid JSON; it must be a JSON array of products`)
    }
    await nextTask()
  }
  const catalog = validateCatalog(rows, { allowUrl: sameOriginOr(origins) })
  if (catalog.issues.length) console.warn('Localshelf: ' + describeIssues(catalog.issues))
  return catalog
}
