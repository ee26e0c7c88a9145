import { describe, expect, it } from 'vitest'
import { OBSERVED_ATTRIBUTES, readAttributes } from './attributes'

const from = (attributes: Record<string, string>) => readAttributes((name) => (name in attributes ? attributes[name] : null))

describe('readAttributes', () => {
  it('defaults to a for-you shelf of 10 with its heading', () => {
    expect(from({})).toEqual({ request: { placement: 'for-you', item: undefined, limit: 10 }, heading: 'Recommended for you' })
  })

  it('reads placement, item, limit and heading', () => {
    expect(from({ placement: 'similar', item: ' sku-1 ', limit: '4', heading: 'More like this' })).toEqual({
      request: { placement: 'similar', item: 'sku-1', limit: 4 },
      heading: 'More like this',
    })
  })

  it('gives each placement its default heading, and blank attributes count as missing', () => {
    expect(from({ placement: 'trending' }).heading).toBe('Trending now')
    expect(from({ placement: 'similar', heading: '  ' }).heading).toBe('Similar products')
    expect(from({ placement: ' ', item: '' }).request).toEqual({ placement: 'for-you', item: undefined, limit: 10 })
  })

  it('clamps and defaults the limit', () => {
    expect(from({ limit: '0' }).request.limit).toBe(1)
    expect(from({ limit: '500' }).request.limit).toBe(50)
    expect(from({ limit: 'lots' }).request.limit).toBe(10)
  })

  it('observes exactly the attributes it reads', () => {
    const read: string[] = []
    readAttributes((name) => (read.push(name), null))
    expect([...new Set(read)].sort()).toEqual([...OBSERVED_ATTRIBUTES].sort())
  })
})
