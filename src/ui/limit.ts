/** Items per shelf when none is asked for: a carousel page or two on a desktop screen. */
export const DEFAULT_LIMIT = 10

// More than 50 cards is no longer a shelf but a listing page, and ranking cost grows with it.
const MAX_LIMIT = 50

/**
 * Turns any requested shelf size (a number, or an attribute string such as "12") into a whole
 * number in 1..50; missing or unreadable values give the default, 10.
 */
export function parseLimit(value: unknown): number {
  const n = typeof value === 'string' && value.trim() ? Number(value) : typeof value === 'number' ? value : NaN
  return isNaN(n) ? DEFAULT_LIMIT : Math.min(MAX_LIMIT, Math.max(1, Math.floor(n)))
}
