import { createElement } from 'react'
import { renderToString } from 'react-dom/server'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ShelfEngine, ShelfRequest } from '../ui/engine-types'
import { Shelf } from './Shelf'

// A ranked engine as the shelf sees it (the real one needs IndexedDB and a worker: e2e and
// scripts/consumers.mjs run it in Chromium).
const requests: ShelfRequest[] = []
const engine: ShelfEngine = {
  recommend: (request) => {
    requests.push(request)
    return {
      placement: request.placement, source: 'content',
      items: [
        { id: 'a', title: 'Red mug', price: 3, currency: 'EUR', url: '/p/a', image: 'javascript:alert(1)' },
        { id: 'b', title: 'Blue plate', url: 'javascript:alert(2)', reason: 'Because you viewed Red mug', data: { brand: 'Acme', rating: 4.5 } },
      ],
    }
  },
  subscribe: () => () => {},
  track: () => {},
  locale: 'en',
}

describe('React <Shelf> on the server', () => {
  afterEach(() => vi.restoreAllMocks())

  it('renders nothing without an engine, so the first client render matches', () => {
    const error = vi.spyOn(console, 'error')
    expect(renderToString(createElement(Shelf, { engine: undefined, placement: 'for-you' }))).toBe('')
    expect(error).not.toHaveBeenCalled()
  })

  it('renders the carousel with parts and ids, clamps the limit, and keeps unsafe URLs out', () => {
    const error = vi.spyOn(console, 'error')
    const html = renderToString(createElement(Shelf, { engine, placement: 'similar', item: 'x', limit: 500 }))
    expect(requests.at(-1)).toEqual({ placement: 'similar', item: 'x', limit: 50 })
    expect(html).toContain('<h2 part="heading">Similar products</h2>')
    expect(html).toContain('data-source="content"')
    // One Tab stop per shelf (roving tabindex): the first card; arrow keys reach the others.
    expect(html).toMatch(/<a part="item" data-item-id="a" href="\/p\/a" tabindex="0">/)
    // No safe URL: a button, and no javascript: anywhere; no safe image: the placeholder.
    expect(html).toMatch(/<button part="item" data-item-id="b" type="button" tabindex="-1">/)
    expect(html).not.toContain('javascript:')
    expect(html).toContain('part="image placeholder"')
    expect(html).toContain('€3.00')
    expect(error).not.toHaveBeenCalled()
  })

  it('passes a cart shelf\'s own items, a need shelf\'s words, business rules and the fallback to the engine, as the Preact component and the element do', () => {
    renderToString(createElement(Shelf, { engine, placement: 'cart', items: ['a', 'b'], rules: { exclude: ['c'], maxPrice: 20, diversity: 0.5 }, fallback: 'none' }))
    expect(requests.at(-1)).toEqual({ placement: 'cart', limit: 10, items: ['a', 'b'], rules: { exclude: ['c'], maxPrice: 20, diversity: 0.5 }, fallback: 'none' })
    renderToString(createElement(Shelf, { engine, placement: 'need', query: 'red candle', limit: 4 }))
    expect(requests.at(-1)).toEqual({ placement: 'need', limit: 4, query: 'red candle' })
  })

  it('hands renderItem the catalogue row\'s own fields (item.data), inside the card that stays the link', () => {
    const html = renderToString(createElement(Shelf, {
      engine, placement: 'trending',
      renderItem: (item) => createElement('span', { className: 'brand' }, `${item.title} by ${String(item.data?.brand ?? 'nobody')} (${String(item.data?.rating ?? '-')})`),
    }))
    expect(html).toContain('<span class="brand">Blue plate by Acme (4.5)</span>')
    expect(html).toContain('<span class="brand">Red mug by nobody (-)</span>')
    expect(html).toMatch(/<a part="item" data-item-id="a" href="\/p\/a" tabindex="0"><span class="brand">/)
  })
})
