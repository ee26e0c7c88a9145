import { describe, expect, it } from 'vitest'

// The npm entries must import in Node (server rendering) without touching browser globals.
describe('npm entries', () => {
  it('import without window, document, indexedDB or customElements', async () => {
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined')
    const main = await import('./index')
    expect(typeof main.createLocalshelf).toBe('function')
    expect(typeof main.validateCatalog).toBe('function')
    const element = await import('./element')
    expect(() => element.defineLocalShelf(() => { throw new Error('not called') })).not.toThrow()
    const preact = await import('./preact')
    expect(typeof preact.Shelf).toBe('function')
    const react = await import('./react')
    expect(typeof react.Shelf).toBe('function')
    expect(typeof react.useLocalshelf).toBe('function')
  })
})
