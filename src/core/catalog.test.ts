import { describe, expect, it } from 'vitest'
import { CatalogError, describeIssues, validateCatalog } from './catalog'

const fields = (input: unknown) => validateCatalog(input).issues.map((i) => `${i.row}:${i.field}`)

describe('validateCatalog', () => {
  it('keeps clean fields, trims text, upper-cases currencies and reads numeric strings as prices', () => {
    const { items, issues } = validateCatalog([
      { id: ' sku-1 ', title: ' Mug ', price: '4.50', currency: 'eur', inStock: false, popularity: 3, tags: 'red, , blue' },
      { id: 42, description: 7 },
    ])
    expect(issues).toEqual([])
    expect(items).toEqual([
      { id: 'sku-1', title: 'Mug', price: 4.5, currency: 'EUR', inStock: false, popularity: 3, tags: ['red', 'blue'] },
      { id: '42', description: '7' },
    ])
  })

  it('skips rows without a usable id and later duplicates, naming the field', () => {
    const rows = [{ id: 'a' }, 'not an object', { title: 'no id' }, { id: '' }, { id: NaN }, { id: 'x'.repeat(201) }, { id: 'a' }]
    expect(validateCatalog(rows).items.map((i) => i.id)).toEqual(['a'])
    expect(fields(rows)).toEqual(['1:row', '2:id', '3:id', '4:id', '5:id', '6:id'])
    expect(describeIssues(validateCatalog(rows).issues)).toMatch(/row 6, id: duplicate "a"/)
  })

  it('drops bad optional fields but keeps the product, in field order', () => {
    const { items, issues } = validateCatalog([
      { id: 'b', title: {}, currency: 'EURO', price: -1, popularity: '9', inStock: 'yes', tags: 5 },
      { id: 'c', currency: 5, price: 'cheap' },
    ])
    expect(items).toEqual([{ id: 'b' }, { id: 'c' }])
    expect(issues.map((i) => `${i.row}:${i.field}`)).toEqual(['0:title', '0:currency', '0:price', '0:popularity', '0:inStock', '0:tags', '1:currency', '1:price'])
    // Each message says what is expected, after the field it belongs to.
    expect(issues.find((i) => i.field === 'currency')!.message).toMatch(/3-letter ISO 4217 code/)
  })

  it('accepts {"items": [...]} and throws a CatalogError saying what to fix otherwise', () => {
    expect(validateCatalog({ items: [{ id: 1 }] }).items).toEqual([{ id: '1' }])
    expect(() => validateCatalog({})).toThrow(CatalogError)
    expect(() => validateCatalog({})).toThrow(/JSON array of products/)
    expect(() => validateCatalog([{ title: 'x' }])).toThrow(/needs an "id"/)
  })

  it('caps long text, many tags and long tags', () => {
    const [item] = validateCatalog([{ id: 'd', description: 'x'.repeat(5000), tags: Array.from({ length: 60 }, (_, i) => 't'.repeat(150) + i) }]).items
    expect(item.description).toHaveLength(2000)
    expect(item.tags).toHaveLength(50)
    expect(item.tags![0]).toHaveLength(100)
  })

  it('shows the first issues and counts the rest', () => {
    const text = describeIssues(validateCatalog([{ id: 'a' }, 1, 2, 3]).issues, 2)
    expect(text).toBe('catalog: 3 problem(s)\nrow 1, row: must be an object like {"id": "sku-1"}; skipped\nrow 2, row: must be an object like {"id": "sku-1"}; skipped\n… and 1 more')
  })
})

describe('validateCatalog with URL rules', () => {
  it('drops and reports the urls and images the rule refuses, and keeps the row', () => {
    const allowUrl = (value: string) => value.startsWith('/') && !value.startsWith('//')
    const { items, issues } = validateCatalog([{ id: 'a', url: '//evil.example/p', image: '/ok.png' }], { allowUrl })
    expect(items).toEqual([{ id: 'a', image: '/ok.png' }])
    expect(issues).toEqual([expect.objectContaining({ row: 0, field: 'url' })])
  })

  it('reads own properties only: a polluted Object.prototype adds nothing to a row', () => {
    const proto = Object.prototype as Record<string, unknown>
    proto.title = 'polluted'
    try {
      expect(validateCatalog([{ id: 'a' }]).items).toEqual([{ id: 'a' }])
    } finally {
      delete proto.title
    }
  })
})

describe('extra fields', () => {
  it('keeps other plain fields for item templates, and drops objects, bad names and prototype keys', () => {
    const { items } = validateCatalog([{ id: 'a', brand: 'Acme', rating: 4.5, organic: true, nested: { x: 1 }, 'bad name': 'x', __proto__x: 1, ['__proto__']: 'p' }])
    expect(items[0].fields).toEqual({ brand: 'Acme', rating: 4.5, organic: true })
    expect(Object.getPrototypeOf(items[0].fields)).toBe(Object.prototype)
    expect(validateCatalog([{ id: 'b', title: 'T' }]).items[0].fields).toBeUndefined()
  })
})
