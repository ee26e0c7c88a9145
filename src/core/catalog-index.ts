import { DEFAULT_CHUNK, loopSteps, type Steps } from './steps'
import type { Item } from './types'

/** The catalogue's ids in order and each id's row, in slices (a 100k-entry Map is tens of ms on a slow device). */
export function* catalogIndexSteps(items: Item[], chunk = DEFAULT_CHUNK * 8): Steps<{ ids: string[]; index: Map<string, number> }> {
  const ids: string[] = new Array(items.length)
  const index = new Map<string, number>()
  yield* loopSteps(items.length, chunk, (i) => {
    ids[i] = items[i].id
    index.set(ids[i], i)
  })
  return { ids, index }
}
