import { describe, expect, it, vi } from 'vitest'
import { loadCatalog, sameOriginOr } from './catalog-source'

describe('sameOriginOr', () => {
  const page = 'https://shop.example/products/1'
  const allow = sameOriginOr(['https://cdn.example'], page)

  it('keeps the page origin, root-relative and relative paths, and the listed origins', () => {
    expect(allow('/img/a.svg')).toBe(true)
    expect(allow('img/a.svg')).toBe(true)
    expect(allow('https://shop.example/p?id=1')).toBe(true)
    expect(allow('https://cdn.example/a.png')).toBe(true)
  })

  it('refuses other origins however they are spelled, the fast path included', () => {
    for (const url of ['//evil.example/a', '/\\evil.example/a', '\\\\evil.example/a', 'https://evil.example/', 'javascript:alert(1)', '/a\u0000b', ' //evil.example/a']) {
      expect(allow(url), url).toBe(false)
    }
  })

  it('takes no shortcut on a page that is not http(s)', () => {
    expect(sameOriginOr([], 'about:blank')('/img/a.svg')).toBe(false)
  })
})

describe('loadCatalog', () => {
  it('decodes a body that is already downloaded in slices, giving the page turns between them', async () => {
    // 4 MB of 64 KB chunks, each read answered at once (as the script tag's prefetched response
    // does): the page must still get turns while the text is decoded.
    const rows = Array.from({ length: 20_000 }, (_, i) => ({ id: `p${i}`, title: `product ${i} `.padEnd(180, 'x') }))
    const bytes = new TextEncoder().encode(JSON.stringify(rows))
    const CHUNK = 64 * 1024
    let turns = 0
    let running = true
    const tick = () => { turns++; if (running) setImmediate(tick) }
    setImmediate(tick)
    const turnsAtRead: number[] = []
    let at = 0
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        turnsAtRead.push(turns)
        if (at >= bytes.length) return controller.close()
        controller.enqueue(bytes.subarray(at, (at += CHUNK)))
      },
    })
    vi.stubGlobal('location', new URL('https://shop.example/'))
    const catalog = await loadCatalog('/catalog.json', [], Promise.resolve(new Response(body))).finally(() => vi.unstubAllGlobals())
    running = false
    expect(catalog.items.length).toBe(20_000)
    // Reads of the first and the last megabyte were separated by turns of the page.
    expect(bytes.length).toBeGreaterThan(3 * (1 << 20))
    expect(turnsAtRead[turnsAtRead.length - 1]).toBeGreaterThan(turnsAtRead[0] + 2)
  })
})
