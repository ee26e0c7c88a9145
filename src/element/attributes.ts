import type { ShelfRequest } from '../ui/engine-types'
import { defaultHeading } from '../ui/headings'
import { parseLimit } from '../ui/limit'

/** The attributes `<local-shelf>` reacts to. */
export const OBSERVED_ATTRIBUTES = ['placement', 'item', 'limit', 'heading']

/** What a `<local-shelf>` element asks for, read from its attributes. */
export type ShelfAttributes = {
  /** The engine request: placement (default `for-you`), item (if any), limit (1..50, default 10). */
  request: ShelfRequest
  /** The attribute's heading, or the placement's default when it is missing or blank. */
  heading: string
}

/**
 * Reads the shelf's attributes through `get` (the element's getAttribute), trimming values and
 * treating blank ones as missing, so `item=""` from a template with no product means "no item".
 */
export function readAttributes(get: (name: string) => string | null): ShelfAttributes {
  const read = (name: string) => get(name)?.trim() || undefined
  const placement = read('placement') || 'for-you'
  return {
    request: { placement, item: read('item'), limit: parseLimit(get('limit')) },
    heading: read('heading') || defaultHeading(placement),
  }
}
