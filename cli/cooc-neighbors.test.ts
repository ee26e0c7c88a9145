import { describe, expect, it } from 'vitest'
import { cooccurrenceNeighbors } from './cooc-neighbors'

describe('co-occurrence neighbour lists', () => {
  it('keeps each item\'s top-k by cosine, ties by index, and leaves lonely items empty', () => {
    // Items 0 and 1 always together; 2 with 0 once; 3 never co-occurs; 4 unseen.
    const rows = [Int32Array.from([0, 1]), Int32Array.from([0, 1, 2]), Int32Array.from([3])]
    const nb = cooccurrenceNeighbors(rows, 5, 2)
    expect(nb.k).toBe(2)
    expect([...nb.index.slice(0, 2)]).toEqual([1, 2])
    expect(nb.weight[0]).toBeCloseTo(2 / Math.sqrt(2 * 2))
    expect(nb.weight[1]).toBeCloseTo(1 / Math.sqrt(2 * 1))
    // Item 2: 0 and 1 tie at 1/sqrt(2): lower index first.
    expect([...nb.index.slice(4, 6)]).toEqual([0, 1])
    expect([...nb.index.slice(6, 10)]).toEqual([-1, -1, -1, -1])
    expect(nb.scale).toBe(1)
  })

  it('truncates to k and never lists an item as its own neighbour', () => {
    const rows = [Int32Array.from([0, 1, 2, 3]), Int32Array.from([0, 1, 2]), Int32Array.from([0, 1])]
    const nb = cooccurrenceNeighbors(rows, 4, 2)
    for (let h = 0; h < 4; h++) for (let s = 0; s < 2; s++) expect(nb.index[h * 2 + s]).not.toBe(h)
    expect([...nb.index.slice(0, 2)]).toEqual([1, 2])
  })
})
