import { describe, expect, it } from 'vitest'
import { scaleCatalog } from '../../scripts/scale-catalog.mjs'
import { validateCatalog } from './catalog'
import { catalogTable } from './catalog-table'
import type { Item } from './types'

describe('the catalogue as columns', () => {
  it('gives back every row exactly as validation made it, key order included', () => {
    const { items } = validateCatalog(scaleCatalog(3000))
    const table = catalogTable(items)
    expect(table.length).toBe(items.length)
    expect(table.ids).toEqual(items.map((i) => i.id))
    for (let i = 0; i < items.length; i++) expect(JSON.stringify(table.item(i))).toBe(JSON.stringify(items[i]))
    expect([...table]).toEqual(items)
    expect(table.item(4)).not.toBe(table.item(4)) // a fresh object: a caller may change it
    items.forEach((item, i) => expect(table.index.get(item.id)).toBe(i))
    for (const missing of ['', 'SC-999999', 'sc-000001', '__proto__', 7 as unknown as string]) expect(table.index.get(missing)).toBeUndefined()
  })

  it('keeps absent fields absent, mixed scripts, extra fields and columns of every cardinality', () => {
    const rows = validateCatalog([
      { id: 'a' },
      { id: 'b', title: 'Tasse à café ☕', category: 'Küche', tags: ['rot', 'blau'], price: 0, inStock: false, brand: 'Ø', rating: 4.5, new: true },
      { id: 'c', title: 'x', description: 'd', image: '/a.svg', url: '/p?c', currency: 'eur', popularity: -3, inStock: true, tags: ['blau'] },
      ...Array.from({ length: 50 }, (_, i) => ({ id: `r${i}`, category: `c${i}`, price: i / 7 })),
    ]).items
    const table = catalogTable(rows)
    rows.forEach((row: Item, i: number) => expect(table.item(i)).toEqual(row))
    expect(table.item(0)).toEqual({ id: 'a' })
    expect(table.category(1)).toBe('Küche')
    expect(table.title(2)).toBe('x')
    expect(table.inStock(0)).toBeUndefined()
    expect(table.inStock(1)).toBe(false)
    expect(table.ruleRow(1)).toEqual({ id: 'b', category: 'Küche', tags: ['rot', 'blau'], inStock: false, price: 0 })
  })
})
