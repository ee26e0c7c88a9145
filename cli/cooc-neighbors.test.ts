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

  it('leaves out entries under minShare of the row\'s largest cosine (the row ends early)', () => {
    // Item 0: with 1 in all 4 rows (cosine 1), with 2 once (1 / sqrt(4 * 1) = 0.5), with 3 once (1 / sqrt(4 * 2) = 0.35).
    const rows = [Int32Array.from([0, 1, 2]), Int32Array.from([0, 1, 3]), Int32Array.from([0, 1]), Int32Array.from([0, 1]), Int32Array.from([3])]
    expect([...cooccurrenceNeighbors(rows, 4, 3).index.slice(0, 3)]).toEqual([1, 2, 3])
    const pruned = cooccurrenceNeighbors(rows, 4, 3, 0.4)
    expect([...pruned.index.slice(0, 3)]).toEqual([1, 2, -1])
    expect(pruned.weight[2]).toBe(0)
    expect(pruned.weight[1]).toBeCloseTo(0.5)
  })
})
