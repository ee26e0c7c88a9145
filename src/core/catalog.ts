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

function text(row: Record<string, unknown>, field: string, issues: CatalogIssue[], index: number): string | undefined {
  const value = row[field]
  if (value == null || value === '') return undefined
  if (typeof value === 'string' || typeof value === 'number') return String(value).slice(0, MAX_TEXT).trim() || undefined
  issues.push({ row: index, field, message: `${field} must be a string; the field was ignored` })
  return undefined
}

/**
 * Checks every row of a catalog. Rows without a usable `id` are skipped; bad optional fields are
 * dropped from their row (the product still shows); later duplicates of an id are skipped.
 * Throws CatalogError only when the input is not an array or no row survives.
 */
export function validateCatalog(input: unknown): ValidatedCatalog {
  const rows = Array.isArray(input) ? input : (input as { items?: unknown })?.items
  if (!Array.isArray(rows)) {
    throw new CatalogError('catalog must be a JSON array of products (or an object with an "items" array), e.g. [{"id": "sku-1", "title": "Mug"}]')
  }
  const issues: CatalogIssue[] = []
  const items: Item[] = []
  const seen = new Set<string>()
  rows.forEach((raw, index) => {
    if (raw == null || typeof raw !== 'object' || Array.isArray(raw)) {
      issues.push({ row: index, field: 'row', message: 'row must be an object like {"id": "sku-1"}; skipped' })
      return
    }
    const row = raw as Record<string, unknown>
    const rawId = row.id
    const id = (typeof rawId === 'string' || (typeof rawId === 'number' && Number.isFinite(rawId))) ? String(rawId).trim() : ''
    if (!id || id.length > 200) {
      issues.push({ row: index, field: 'id', message: 'id is required (a non-empty string or number, at most 200 characters); row skipped' })
      return
    }
    if (seen.has(id)) {
      issues.push({ row: index, field: 'id', message: `duplicate id "${id}"; the first row with this id is kept` })
      return
    }
    seen.add(id)
    const item: Item = { id }
    for (const field of ['title', 'description', 'category', 'image', 'url'] as const) {
      const value = text(row, field, issues, index)
      if (value !== undefined) item[field] = value
    }
    const currency = text(row, 'currency', issues, index)
    if (currency !== undefined) {
      if (/^[A-Za-z]{3}$/.test(currency)) item.currency = currency.toUpperCase()
      else issues.push({ row: index, field: 'currency', message: 'currency must be a 3-letter ISO 4217 code such as "EUR"; ignored' })
    }
    if (row.price != null && row.price !== '') {
      const price = typeof row.price === 'string' ? Number(row.price) : row.price
      if (typeof price === 'number' && Number.isFinite(price) && price >= 0) item.price = price
      else issues.push({ row: index, field: 'price', message: 'price must be a non-negative number; ignored' })
    }
    if (row.popularity != null) {
      if (typeof row.popularity === 'number' && Number.isFinite(row.popularity)) item.popularity = row.popularity
      else issues.push({ row: index, field: 'popularity', message: 'popularity must be a number (e.g. units sold); ignored' })
    }
    if (row.inStock != null) {
      if (typeof row.inStock === 'boolean') item.inStock = row.inStock
      else issues.push({ row: index, field: 'inStock', message: 'inStock must be true or false; ignored' })
    }
    if (row.tags != null) {
      const tags = Array.isArray(row.tags) ? row.tags : typeof row.tags === 'string' ? row.tags.split(',') : null
      if (tags) {
        const clean = tags.filter((t): t is string => typeof t === 'string').map((t) => t.trim().slice(0, 100)).filter(Boolean)
        if (clean.length) item.tags = clean.slice(0, 50)
      } else issues.push({ row: index, field: 'tags', message: 'tags must be an array of strings; ignored' })
    }
    items.push(item)
  })
  if (items.length === 0) {
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
