import { own } from './own'
import { DEFAULT_CHUNK, runSteps, type Steps } from './steps'
import type { CatalogIssue, Item } from './types'

/** Thrown when nothing usable is left of a catalog; the message says what to fix. */
export class CatalogError extends Error {
  override name = 'CatalogError'
}

export interface ValidatedCatalog {
  items: Item[]
  issues: CatalogIssue[]
}

const MAX_TEXT = 2000 // long enough for any real description, short enough to keep hostile rows cheap
// Fields the validation reads itself; any other plain field is kept in `fields`, at most this many.
const KNOWN = new Set(['id', 'title', 'description', 'category', 'image', 'url', 'currency', 'price', 'popularity', 'inStock', 'tags'])
const MAX_EXTRA = 20

// The message of an issue follows its field in `describeIssues` ("row 7, price: must be …"), so
// it need not repeat the field name; each says what is expected and what happened to the value.

/**
 * Checks every row of a catalog. Rows without a usable `id` are skipped; bad optional fields are
 * dropped from their row (the product still shows); later duplicates of an id are skipped.
 * Throws CatalogError only when the input is not an array or no row survives.
 */
export interface CatalogRules {
  /** Whether a product's `url` or `image` may be used; a refused one is dropped and reported. */
  allowUrl?: (value: string, field: 'url' | 'image') => boolean
}

export function validateCatalog(input: unknown, rules: CatalogRules = {}): ValidatedCatalog {
  return runSteps(validateCatalogSteps(input, rules))
}

/** validateCatalog in slices of at most `chunk` rows (see steps.ts), for a large catalogue on the main thread. */
export function* validateCatalogSteps(input: unknown, rules: CatalogRules = {}, chunk = DEFAULT_CHUNK): Steps<ValidatedCatalog> {
  const rows = Array.isArray(input) ? input : own(input, 'items')
  if (!Array.isArray(rows)) {
    throw new CatalogError('catalog must be a JSON array of products (or an object with an "items" array), e.g. [{"id": "sku-1", "title": "Mug"}]')
  }
  const issues: CatalogIssue[] = []
  const items: Item[] = []
  const seen = new Set<string>()
  const check = (row: any, index: number): void => {
    const bad = (field: string, message: string): void => void issues.push({ row: index, field, message })
    if (!row || typeof row != 'object' || Array.isArray(row)) return bad('row', 'must be an object like {"id": "sku-1"}; skipped')
    // Own properties only: a page that polluted Object.prototype must not add fields to every row.
    const [rawId, price, popularity, inStock, tags] = (['id', 'price', 'popularity', 'inStock', 'tags'] as const).map((key) => own(row, key)) as any[]
    const id = typeof rawId == 'string' || (typeof rawId == 'number' && isFinite(rawId)) ? String(rawId).trim() : ''
    if (!id || id.length > 200) return bad('id', 'must be a non-empty string or number of at most 200 characters; row skipped')
    if (seen.has(id)) return bad('id', `duplicate "${id}"; the first row with this id is kept`)
    seen.add(id)
    const item: Item = { id }
    for (const field of ['title', 'description', 'category', 'image', 'url', 'currency'] as const) {
      const value = own(row, field)
      if (typeof value == 'string' || typeof value == 'number') {
        const text = String(value).slice(0, MAX_TEXT).trim()
        if (text && (field == 'url' || field == 'image') && rules.allowUrl && !rules.allowUrl(text, field)) {
          bad(field, 'must be an http(s) URL on this site, or on an origin the shop allows (data-origins); ignored')
        } else if (text) item[field] = text
      } else if (value != null) bad(field, 'must be a string; ignored')
    }
    const { currency } = item
    if (currency) {
      delete item.currency
      if (/^[a-z]{3}$/i.test(currency)) item.currency = currency.toUpperCase()
      else bad('currency', 'must be a 3-letter ISO 4217 code such as "EUR"; ignored')
    }
    if (price != null && price !== '') {
      const value = typeof price == 'string' ? Number(price) : price
      if (typeof value == 'number' && isFinite(value) && value >= 0) item.price = value
      else bad('price', 'must be a non-negative number; ignored')
    }
    if (popularity != null) {
      if (typeof popularity == 'number' && isFinite(popularity)) item.popularity = popularity
      else bad('popularity', 'must be a number (e.g. units sold); ignored')
    }
    if (inStock != null) {
      if (typeof inStock == 'boolean') item.inStock = inStock
      else bad('inStock', 'must be true or false; ignored')
    }
    if (tags != null) {
      const list = Array.isArray(tags) ? tags : typeof tags == 'string' ? tags.split(',') : null
      if (!list) bad('tags', 'must be an array of strings; ignored')
      else {
        const clean = list.filter((t): t is string => typeof t == 'string').map((t) => t.trim().slice(0, 100)).filter(Boolean)
        if (clean.length) item.tags = clean.slice(0, 50)
      }
    }
    // The row's other plain fields (brand, rating…) travel along for item templates, as data only.
    let extra = 0
    for (const key of Object.keys(row)) {
      const value = row[key]
      if (KNOWN.has(key) || extra >= MAX_EXTRA || !/^[A-Za-z][\w-]{0,39}$/.test(key)) continue
      if (typeof value == 'string' || typeof value == 'boolean' || (typeof value == 'number' && isFinite(value))) {
        ;(item.fields ??= {})[key] = typeof value == 'string' ? value.slice(0, MAX_TEXT) : value
        extra++
      }
    }
    items.push(item)
  }
  for (let start = 0; start < rows.length; start += chunk) {
    const end = Math.min(rows.length, start + chunk)
    // `in`: holes of a sparse array are skipped, as forEach did.
    for (let index = start; index < end; index++) if (index in rows) check(rows[index], index)
    yield end - start
  }
  if (!items.length) {
    throw new CatalogError(`catalog has no usable product (${rows.length} rows, ${issues.length} problems); every product needs an "id"`)
  }
  return { items, issues }
}

/** Formats issues for one console warning (the first few rows spelled out). */
export function describeIssues(issues: CatalogIssue[], limit = 10): string {
  const lines = issues.slice(0, limit).map((i) => `row ${i.row}, ${i.field}: ${i.message}`)
  if (issues.length > limit) lines.push(`… and ${issues.length - limit} more`)
  return `catalog: ${issues.length} problem(s)\n` + lines.join('\n')
}
