import type { ShelfEngine, ShelfResult } from './engine-types'

/**
 * Records one `impression` per shown item, unless the same ids in the same order were already
 * recorded (`previousKey`): re-ranks that change nothing must not inflate impression counts,
 * which feed CTR. Returns the key to pass next time.
 */
export function recordImpressions(engine: ShelfEngine, result: ShelfResult, previousKey: string): string {
  const ids = result.items.map((item) => item.id)
  // JSON keeps any two different lists apart whatever characters the ids contain.
  const key = JSON.stringify([result.placement, ids])
  if (key !== previousKey && ids.length) {
    ids.forEach((id, position) => engine.track('impression', id, { placement: result.placement, position }))
  }
  return key
}
