import { describe, expect, it } from 'vitest'
import { sameOriginOr } from './catalog-source'

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
