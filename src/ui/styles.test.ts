import { afterEach, describe, expect, it, vi } from 'vitest'

class FakeSheet {
  static built = 0
  text = ''
  constructor() {
    FakeSheet.built++
  }
  replaceSync(text: string) {
    this.text = text
  }
}
const fakeRoot = () => ({ adoptedStyleSheets: [] as unknown[] })

// `styles` keeps its one sheet in module state, so every test loads a fresh copy.
async function load() {
  vi.resetModules()
  return import('./styles')
}

describe('styles', () => {
  afterEach(() => {
    vi.unstubAllGlobals()
    FakeSheet.built = 0
  })

  it('is themable through the documented custom properties', async () => {
    const { css } = await load()
    for (const name of ['gap', 'card-width', 'font', 'accent', 'radius', 'color', 'image-ratio']) {
      expect(css).toContain(`var(--localshelf-${name},`)
    }
  })

  it('scrolls smoothly only without a reduced-motion preference', async () => {
    const { css } = await load()
    const smooth = css.match(/scroll-behavior:smooth/g) ?? []
    expect(smooth).toHaveLength(1)
    expect(css).toMatch(/@media \(prefers-reduced-motion:no-preference\)\{[^{}]*\{scroll-behavior:smooth\}\}/)
  })

  it('keeps the UA meaning of [hidden] on the host and shows a focus ring', async () => {
    const { css } = await load()
    expect(css).toContain(':host([hidden]){display:none}')
    expect(css).toMatch(/:focus-visible[^{]*\{outline:2px solid var\(--localshelf-accent/)
  })

  it('builds one constructable sheet, shares it between roots and never adopts it twice', async () => {
    vi.stubGlobal('CSSStyleSheet', FakeSheet)
    const { adoptStyles, css } = await load()
    const first = fakeRoot()
    const second = fakeRoot()
    const existing = {}
    second.adoptedStyleSheets = [existing]
    adoptStyles(first as unknown as ShadowRoot)
    adoptStyles(first as unknown as ShadowRoot)
    adoptStyles(second as unknown as ShadowRoot)
    expect(FakeSheet.built).toBe(1)
    expect(first.adoptedStyleSheets).toHaveLength(1)
    expect((first.adoptedStyleSheets[0] as FakeSheet).text).toBe(css)
    expect(second.adoptedStyleSheets).toEqual([existing, first.adoptedStyleSheets[0]])
    expect(second.adoptedStyleSheets[1]).toBe(first.adoptedStyleSheets[0])
  })

  it('says which browsers it needs when stylesheets cannot be constructed', async () => {
    vi.stubGlobal('CSSStyleSheet', function () {
      throw new TypeError('Illegal constructor')
    })
    const { adoptStyles } = await load()
    expect(() => adoptStyles(fakeRoot() as unknown as ShadowRoot)).toThrow(/need constructable stylesheets.*Safari 16\.4.*update the browser/)
  })
})
