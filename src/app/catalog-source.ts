import { describeIssues, validateCatalog, type ValidatedCatalog } from '../core/catalog'

/** Loads (when given a URL) and validates a catalog; problems go to one console warning. */
export async function loadCatalog(source: string | unknown[]): Promise<ValidatedCatalog> {
  let rows: unknown = source
  if (typeof source === 'string') {
    const response = await fetch(source, { credentials: 'same-origin' })
    if (!response.ok) throw new Error(`catalog ${source} answered HTTP ${response.status}; check the data-catalog URL`)
    try {
      rows = await response.json()
    } catch {
      throw new Error(`catalog ${source} is not valid JSON; it must be a JSON array of products`)
    }
  }
  const catalog = validateCatalog(rows)
  if (catalog.issues.length) console.warn('Localshelf: ' + describeIssues(catalog.issues))
  return catalog
}
