import { describe, expect, it } from 'vitest'
import { sameOriginOr } from '../src/app/catalog-source'
import { validateCatalog } from '../src/core/catalog'
import { scaleCatalog } from './scale-catalog.mjs'

// The scale bench's catalogues (issue 9): a size must mean the same catalogue on every run and
// machine, and the widget must take every row as it is, or the bench times the error path.
describe('scaleCatalog', () => {
  const rows = scaleCatalog(10_000)

  it('is deterministic: the same rows for the same size and seed, other rows for another seed', () => {
    expect(JSON.stringify(scaleCatalog(10_000))).toBe(JSON.stringify(rows))
    expect(JSON.stringify(scaleCatalog(500, { seed: 2 }))).not.toBe(JSON.stringify(rows.slice(0, 500)))
  })

  it('gives every row a unique id', () => {
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length)
  })

  it('passes the catalog validator with no issue, same-origin URL rule included', () => {
    const { items, issues } = validateCatalog(rows, { allowUrl: sameOriginOr([], 'https://shop.example/') })
    expect(issues).toEqual([])
    expect(items).toHaveLength(rows.length)
    expect(items.every((item) => item.image?.startsWith('/scale/img/') && item.url?.startsWith('/product.html?id='))).toBe(true)
  })

  it('looks like a shop: varied titles, every category, plausible prices, a long tail of sales', () => {
    expect(new Set(rows.map((r) => r.title)).size).toBeGreaterThan(rows.length * 0.8)
    expect(new Set(rows.map((r) => r.category)).size).toBe(12)
    expect(rows.every((r) => r.price > 0 && r.price < 100)).toBe(true)
    const sales = rows.map((r) => r.popularity).sort((a, b) => b - a)
    expect(sales[0]).toBeGreaterThan(100 * sales[Math.floor(rows.length / 2)])
  })

  it('refuses a size that is not a positive integer', () => {
    expect(() => scaleCatalog(0)).toThrow(/size must be a positive integer/)
  })
})
