import { describe, expect, it } from 'vitest'
// @ts-expect-error plain ES module script without types
import { PLACEMENTS, scaleBudgets, scaleTable } from './bench-scale.mjs'

// The bench's verdicts, from made-up medians: a budget line must say over when a figure is over,
// and n/a (never ok) when the size it needs was not run.
type Figures = Record<string, number | null>
function result(figures: Figures, backend = 'wasm', runs = 3) {
  const median: Record<string, { median: number | null; min: number; max: number; missing: number }> = {}
  for (const [key, value] of Object.entries(figures)) median[key] = { median: value, min: value ?? Infinity, max: value ?? -Infinity, missing: value == null ? runs : 0 }
  return { runs: Array.from({ length: runs }, () => ({})), median, backend }
}
const good: Figures = {
  firstShelf: 300, firstPersonal: 2500, viewToPersonal: 2000, longest: 0, longTasks: 0, updateTask: 8, updateTaskMax: 12, trainFirst: 150, trainLater: 90, track: 2, memoryMB: 30,
  ...Object.fromEntries(PLACEMENTS.map((p: string) => [`recommend:${p}`, 3])),
}

describe('scale bench verdicts', () => {
  it('says ok for every budget when every figure is within it', () => {
    const budgets = scaleBudgets({ 1000: result({ ...good, trainLater: 80 }), 100000: result(good) })
    expect(budgets.filter((b: { ok?: boolean }) => b.ok !== true).map((b: { text: string }) => b.text)).toEqual([])
  })

  it('says over for a figure over its budget, and names it', () => {
    const slow = { ...good, longest: 2194, trainLater: 1037, 'recommend:similar': 31, memoryMB: 111 }
    const over = scaleBudgets({ 1000: result(good), 100000: result(slow) }).filter((b: { ok?: boolean }) => b.ok === false).map((b: { text: string }) => b.text)
    expect(over.join('\n')).toMatch(/over +longest main-thread task.*2194 ms/)
    expect(over.join('\n')).toMatch(/over +lastTrainMs \(later updates\) 100k\/1k < 1.5x: 11.\d x/)
    expect(over.join('\n')).toMatch(/over +recommend\(similar\) < 16 ms at 100k: 31 ms/)
    expect(over.join('\n')).toMatch(/over +main-thread memory < 40 MB at 100k.*111 MB/)
    expect(over).toHaveLength(5) // the 200 ms training budget too
  })

  it('says n/a, not ok, for budgets at 100k when 100k was not run, and over when a run had no personal shelf', () => {
    const budgets = scaleBudgets({ 1000: result(good), 10000: result({ ...good, firstPersonal: null }) })
    expect(budgets.find((b: { name: string }) => /recommend\(for-you\)/.test(b.name)).ok).toBeUndefined()
    expect(budgets.find((b: { name: string }) => /memory/.test(b.name)).text).toMatch(/^n\/a/)
    expect(budgets[0].text).toMatch(/^over .*3 of 6 runs/)
  })

  it('prints rows x sizes with the largest/smallest ratio', () => {
    const lines = scaleTable({ 1000: result(good), 100000: result({ ...good, firstShelf: 1200 }) })
    expect(lines[0]).toBe('| | 1k | 100k | 100k/1k |')
    expect(lines.find((l: string) => l.startsWith('| navigation -> first shelf'))).toBe('| navigation -> first shelf (render event) | 300 ms (300–300) | 1200 ms (1200–1200) | 4.00x |')
    expect(lines.find((l: string) => l.startsWith('| longest'))).toContain('< 50 ms (none)')
    expect(lines.find((l: string) => l.startsWith('| long tasks'))).toBe('| long tasks (50 ms+), script start -> personal | 0 (0–0) | 0 (0–0) | - |')
  })
})
