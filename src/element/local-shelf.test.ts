import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ShelfEngine } from '../ui/engine-types'

const engine: ShelfEngine = {
  recommend: ({ placement }) => ({ placement, items: [], source: 'popular' }),
  subscribe: () => () => {},
  track: () => {},
}

describe('defineLocalShelf (server side and re-definition)', () => {
  afterEach(() => vi.unstubAllGlobals())

  it('imports without a DOM and is a no-op where custom elements do not exist (SSR)', async () => {
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined')
    const { defineLocalShelf } = await import('./local-shelf')
    await import('../ui/Shelf')
    expect(() => defineLocalShelf(() => engine)).not.toThrow()
  })

  it('does not define a tag twice', async () => {
    const define = vi.fn()
    const defined = new Set(['local-shelf'])
    vi.stubGlobal('customElements', { get: (name: string) => defined.has(name) || undefined, define })
    const { defineLocalShelf } = await import('./local-shelf')
    defineLocalShelf(() => engine)
    expect(define).not.toHaveBeenCalled()
    // A custom tag name is defined when free (HTMLElement stubbed: Node has none).
    vi.stubGlobal('HTMLElement', class {})
    defineLocalShelf(() => engine, 'shop-shelf')
    expect(define).toHaveBeenCalledTimes(1)
    expect(define.mock.calls[0][0]).toBe('shop-shelf')
    expect(define.mock.calls[0][1].observedAttributes).toEqual(expect.arrayContaining(['placement', 'item', 'limit', 'heading', 'items', 'query', 'pin', 'diversity']))
  })
})
