import { describe, expect, it } from 'vitest'
import type { ShelfEngine, ShelfResult } from './engine-types'
import { recordImpressions } from './impressions'

function fakeEngine() {
  const tracked: Array<[string, string, Record<string, unknown> | undefined]> = []
  const engine: ShelfEngine = {
    recommend: () => ({ placement: 'x', items: [], source: 'popular' }),
    subscribe: () => () => {},
    track: (type, id, props) => void tracked.push([type, id, props]),
  }
  return { engine, tracked }
}
const result = (placement: string, ...ids: string[]): ShelfResult => ({
  placement,
  source: 'popular',
  items: ids.map((id) => ({ id, title: id })),
})

describe('recordImpressions', () => {
  it('records one impression per item with its position', () => {
    const { engine, tracked } = fakeEngine()
    recordImpressions(engine, result('for-you', 'a', 'b', 'c'), '')
    expect(tracked).toEqual([
      ['impression', 'a', { placement: 'for-you', position: 0 }],
      ['impression', 'b', { placement: 'for-you', position: 1 }],
      ['impression', 'c', { placement: 'for-you', position: 2 }],
    ])
  })

  it('records nothing again for the same list, and again when order, items or placement change', () => {
    const { engine, tracked } = fakeEngine()
    let key = recordImpressions(engine, result('for-you', 'a', 'b'), '')
    key = recordImpressions(engine, result('for-you', 'a', 'b'), key)
    expect(tracked).toHaveLength(2)
    key = recordImpressions(engine, result('for-you', 'b', 'a'), key)
    expect(tracked).toHaveLength(4)
    key = recordImpressions(engine, result('similar', 'b', 'a'), key)
    expect(tracked).toHaveLength(6)
    key = recordImpressions(engine, result('similar', 'b', 'a', 'c'), key)
    expect(tracked).toHaveLength(9)
  })

  it('records nothing for an empty shelf, and a list shown again after it counts again', () => {
    const { engine, tracked } = fakeEngine()
    let key = recordImpressions(engine, result('for-you', 'a'), '')
    key = recordImpressions(engine, result('for-you'), key)
    expect(tracked).toHaveLength(1)
    recordImpressions(engine, result('for-you', 'a'), key)
    expect(tracked).toHaveLength(2)
  })

  it('keeps lists apart whatever characters the ids contain', () => {
    const { engine, tracked } = fakeEngine()
    const key = recordImpressions(engine, result('p', 'a\nb'), '')
    recordImpressions(engine, result('p', 'a', 'b'), key)
    expect(tracked).toHaveLength(3)
  })
})
