import type { ShelfRules } from '../core/rules'
import type { ShelfRequest } from '../ui/engine-types'
import { defaultHeading } from '../ui/headings'
import { parseLimit } from '../ui/limit'

// Attributes holding a business rule, and the ShelfRules field each sets.
const LISTS = { exclude: 'exclude', categories: 'categories', tags: 'tags', pin: 'pin', boost: 'boost', bury: 'bury' } as const
const NUMBERS = { 'min-price': 'minPrice', 'max-price': 'maxPrice', 'max-per-category': 'maxPerCategory', diversity: 'diversity' } as const
const FLAGS = { 'exclude-out-of-stock': 'excludeOutOfStock', 'exclude-in-cart': 'excludeInCart', 'exclude-purchased': 'excludePurchased' } as const

/** The attributes `<local-shelf>` reacts to. */
export const OBSERVED_ATTRIBUTES = ['placement', 'item', 'limit', 'heading', 'items', 'query', 'fallback', ...Object.keys(LISTS), ...Object.keys(NUMBERS), ...Object.keys(FLAGS)]

/** What a `<local-shelf>` element asks for, read from its attributes. */
export type ShelfAttributes = {
  /** The engine request: placement (default `for-you`), item, limit (1..50, default 10), cart items, query, rules. */
  request: ShelfRequest
  /** The attribute's heading, or the placement's default when it is missing or blank. */
  heading: string
}

/**
 * Reads the shelf's attributes through `get` (the element's getAttribute), trimming values and
 * treating blank ones as missing, so `item=""` from a template with no product means "no item".
 * Lists are comma-separated; a number that does not parse is ignored with a console warning.
 */
export function readAttributes(get: (name: string) => string | null): ShelfAttributes {
  const read = (name: string) => get(name)?.trim() || undefined
  const list = (name: string) => read(name)?.split(',').map((s) => s.trim()).filter(Boolean)
  const placement = read('placement') || 'for-you'
  const request: ShelfRequest = { placement, item: read('item'), limit: parseLimit(get('limit')) }
  const items = list('items')
  if (items) request.items = items
  const query = read('query')
  if (query) request.query = query
  if (read('fallback') == 'none') request.fallback = 'none'
  const rules: ShelfRules = {}
  for (const [name, field] of Object.entries(LISTS)) {
    const value = list(name)
    if (value) rules[field] = value
  }
  for (const [name, field] of Object.entries(NUMBERS)) {
    const text = read(name)
    if (text === undefined) continue
    const value = Number(text)
    if (isFinite(value)) rules[field] = value
    else console.warn(`Localshelf: ${name}="${text}" is not a number; the rule is ignored (e.g. ${name}="${field == 'diversity' ? '0.5' : '20'}")`)
  }
  for (const [name, field] of Object.entries(FLAGS)) {
    const text = read(name)
    if (text !== undefined) rules[field] = text !== 'false'
  }
  if (Object.keys(rules).length) request.rules = rules
  return { request, heading: read('heading') || defaultHeading(placement) }
}
