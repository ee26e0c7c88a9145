import type { VNode } from 'preact'
import { describe, expect, it } from 'vitest'
import { hashString, initials, Placeholder } from './placeholder'

type Props = Record<string, unknown> & { children?: VNode | VNode[] | string }
const childrenOf = (node: VNode) => {
  const children = (node.props as Props).children
  return (Array.isArray(children) ? children : [children]) as VNode[]
}

describe('Placeholder', () => {
  it('hashes with FNV-1a (known vectors)', () => {
    expect(hashString('')).toBe(0x811c9dc5)
    expect(hashString('a')).toBe(0xe40c292c)
    expect(hashString('foobar')).toBe(0xbf9cf968)
  })

  it('takes up to two initials, by code point', () => {
    expect(initials('Red mug', 'x')).toBe('RM')
    expect(initials('  white hanging heart t-light holder ', 'x')).toBe('WH')
    expect(initials('lamp', 'x')).toBe('L')
    expect(initials('🎄 tree', 'x')).toBe('🎄T')
    expect(initials('   ', 'sku-9')).toBe('S')
  })

  it('is an inline SVG coloured by the id, showing the initials, hidden from assistive tech', () => {
    const node = Placeholder({ id: 'sku-1', title: 'Red mug' })
    expect(node.type).toBe('svg')
    const props = node.props as Props
    expect(props.part).toBe('image placeholder')
    expect(props['aria-hidden']).toBe('true')
    const [rect, text] = childrenOf(node)
    expect(rect.type).toBe('rect')
    expect(text.type).toBe('text')
    expect((text.props as Props).children).toBe('RM')
    const hue = hashString('sku-1') % 360
    expect((rect.props as Props).fill).toBe(`hsl(${hue},45%,85%)`)
  })

  it('gives different ids different colours and the same id the same colour', () => {
    const fill = (id: string) => (childrenOf(Placeholder({ id, title: 'T' }))[0].props as Props).fill
    expect(fill('sku-1')).toBe(fill('sku-1'))
    expect(new Set(['sku-1', 'sku-2', 'sku-3', 'sku-4'].map(fill)).size).toBe(4)
  })

  it('uses no data: URL, innerHTML or style attribute (strict CSP)', () => {
    const json = JSON.stringify(Placeholder({ id: 'a"><script>', title: '<img onerror=x>' }), (key, value) => (key.startsWith('_') ? undefined : value))
    expect(json).not.toMatch(/data:|dangerouslySetInnerHTML|"style"/)
  })
})
