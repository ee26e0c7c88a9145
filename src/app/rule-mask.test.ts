import { describe, expect, it } from 'vitest'
import { catalogTable } from '../core/catalog-table'
import type { Item } from '../core/types'
import { fieldRuleMask } from './rule-mask'

const rows: Item[] = [
  { id: 'a', category: 'Candles', tags: ['Red'], price: 2 },
  { id: 'b', category: 'candles', tags: ['blue'], price: 5, inStock: false },
  { id: 'c', category: 'Kitchen', price: 12 },
  { id: 'd', category: 'Kitchen', tags: ['red'] },
]

const items = catalogTable(rows)

describe('fieldRuleMask', () => {
  it('marks what the field rules leave out, once per catalog and rules', () => {
    expect(fieldRuleMask(items, { exclude: ['a'], maxPerCategory: 1 })).toBeUndefined()
    expect([...fieldRuleMask(items, { categories: ['CANDLES'] })!]).toEqual([0, 0, 1, 1])
    expect([...fieldRuleMask(items, { tags: ['red'], maxPrice: 3 })!]).toEqual([0, 1, 1, 1])
    expect([...fieldRuleMask(items, { minPrice: 5 })!]).toEqual([1, 0, 0, 1])
    const mask = fieldRuleMask(items, { minPrice: 5 })
    expect(fieldRuleMask(items, { minPrice: 5, exclude: ['c'] })).toBe(mask)
    expect(fieldRuleMask(catalogTable(rows), { minPrice: 5 })).not.toBe(mask) // another catalog
  })
})
