import { describe, expect, it } from 'vitest'
import { safeUrl } from './safe-url'

describe('safeUrl', () => {
  it('passes http(s) and relative URLs through unchanged', () => {
    for (const url of ['https://shop.example/p/1?x=1#a', 'http://shop.example', 'HTTPS://SHOP.EXAMPLE/', '/p/1', 'p/1', '../p', '?id=1', '#top', 'p/1?next=javascript:alert(1)']) {
      expect(safeUrl(url), url).toBe(url)
    }
  })

  it('trims surrounding spaces, as the browser would', () => {
    expect(safeUrl('  /p/1 \n'.replace('\n', ' '))).toBe('/p/1')
  })

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    'java\rscript:alert(1)',
    '\u0000javascript:alert(1)',
    '\u0001javascript:alert(1)',
    'javascript\u0000:alert(1)',
    '\tjavascript:alert(1)',
    'vbscript:msgbox(1)',
    'data:text/html,<script>alert(1)</script>',
    'DATA:image/svg+xml;base64,PHN2Zz48L3N2Zz4=',
    'blob:https://shop.example/1234',
    'file:///etc/passwd',
    'ftp://shop.example/x',
    'mailto:a@b.c',
    'https://exa mple.com/',
    'https://shop.example/p\n1',
    'https://shop.example/p\u00001',
    'http://[::1',
    '',
    '   ',
  ])('rejects %j', (url) => {
    expect(safeUrl(url)).toBeUndefined()
    expect(safeUrl(url, 'https://shop.example/')).toBeUndefined()
  })

  it('rejects anything that is not a string', () => {
    for (const value of [null, undefined, 42, {}, ['https://x.example'], { toString: () => 'https://x.example' }]) {
      expect(safeUrl(value)).toBeUndefined()
    }
  })

  it('keeps entity look-alikes as harmless relative paths (attributes are set, never parsed as HTML)', () => {
    expect(safeUrl('javascript&colon;alert(1)')).toBe('javascript&colon;alert(1)')
    expect(safeUrl('javascript&colon;alert(1)', 'https://shop.example/a/')).toBe('https://shop.example/a/javascript&colon;alert(1)')
  })

  it('resolves against base and returns the absolute URL', () => {
    expect(safeUrl('/p/1', 'https://shop.example/cat/')).toBe('https://shop.example/p/1')
    expect(safeUrl('p/1', 'https://shop.example/cat/')).toBe('https://shop.example/cat/p/1')
    expect(safeUrl('//cdn.example/i.jpg', 'https://shop.example/')).toBe('https://cdn.example/i.jpg')
  })

  it('judges protocol-relative and backslash URLs by the scheme they resolve to', () => {
    expect(safeUrl('//cdn.example/i.jpg')).toBe('//cdn.example/i.jpg')
    expect(safeUrl('//cdn.example/i.jpg', 'file:///shop/')).toBeUndefined()
    expect(safeUrl('/p/1', 'ftp://shop.example/')).toBeUndefined()
    expect(safeUrl('\\\\cdn.example\\i.jpg', 'https://shop.example/')).toBe('https://cdn.example/i.jpg')
  })
})
