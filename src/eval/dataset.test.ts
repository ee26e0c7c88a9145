import { describe, expect, it } from 'vitest'
import { describeDataset, parseDataset } from './dataset'

const catalog = [{ id: 'a' }, { id: 'b', title: 'Bee' }, { id: 'c' }, { id: 'a' }, { title: 'no id' }]

describe('parseDataset', () => {
  it('finds columns by header name in any order, maps ids to dense indices and sorts by numeric ts', () => {
    const data = parseDataset('t', catalog, 'TS,extra,Item,user,type\n10,x,b,u1,view\n9,x,a,u1,purchase\n100,x,c,u2,cart\n')
    expect(data.items.map((i) => i.id)).toEqual(['a', 'b', 'c'])
    expect(data.users.map((u) => u.key)).toEqual(['u1', 'u2'])
    // 9 < 10 numerically (as strings "10" < "9").
    expect(data.users[0].events).toEqual([{ item: 0, ts: 9, type: 'purchase' }, { item: 1, ts: 10, type: 'view' }])
    expect(data.users[1].events).toEqual([{ item: 2, ts: 100, type: 'cart' }])
    expect(data.stats).toMatchObject({ rows: 3, events: 3, badRows: 0, unknownItemEvents: 0 })
    expect(data.catalogIssues.map((i) => i.row)).toEqual([3, 4])
  })

  it('keeps file order for equal timestamps', () => {
    const data = parseDataset('t', catalog, 'user,item,ts\nu,c,5\nu,a,5\nu,b,1\nu,b,5\n')
    expect(data.users[0].events.map((e) => e.item)).toEqual([1, 2, 0, 1])
  })

  it('defaults the type when the column is missing, and keeps unknown types as written', () => {
    const data = parseDataset('t', catalog, 'user,item,ts\nu,a,1\n')
    expect(data.users[0].events[0].type).toBe('interaction')
    expect(parseDataset('t', catalog, 'user,item,ts,type\nu,a,1,wishlist\n').users[0].events[0].type).toBe('wishlist')
  })

  it('skips bad rows with their line numbers and counts events on unknown items', () => {
    const csv = 'user,item,ts,type\nu,a,1,view\n,a,2,view\nu,,3,view\nu,a,soon,view\nu,a\n\nu,zz,4,view\nu,zz,5,view\nu,yy,6,view\n'
    const data = parseDataset('t', catalog, csv)
    expect(data.stats).toMatchObject({ rows: 8, events: 1, badRows: 4, unknownItemEvents: 3, unknownItems: 2 })
    expect(data.badRowExamples.map((r) => r.line)).toEqual([3, 4, 5, 6])
    expect(data.badRowExamples[2].message).toMatch(/ts "soon" is not a number/)
    expect(data.badRowExamples[3].message).toMatch(/expected 4 fields, found 2/)
    expect(data.unknownItemExamples).toEqual(['zz', 'yy'])
    const report = describeDataset(data).join('\n')
    expect(report).toMatch(/4 unreadable row/)
    expect(report).toMatch(/3 event\(s\) on 2 item id\(s\) missing from catalog.json/)
  })

  it('explains a header without the required columns', () => {
    expect(() => parseDataset('t', catalog, 'customer,product,time\n1,a,1\n')).toThrow(/missing user, item, ts/)
    expect(() => parseDataset('t', catalog, '')).toThrow(/events.csv is empty/)
  })

  it('rejects a catalog with no usable product', () => {
    expect(() => parseDataset('t', { products: [] }, 'user,item,ts\n')).toThrow(/catalog must be a JSON array/)
  })
})
