/** @jsxRuntime classic */
/** @jsx h */
// Classic h() calls: the first-paint chunk then needs no preact/jsx-runtime (about 130 B gzip).
import { h, type VNode } from 'preact'
import { hashString } from '../core/random'

// The core's FNV-1a (already in the bundle for token buckets): nearby ids (sku-1, sku-2) still get
// far-apart colours. Re-exported for the tests that pin its known vectors.
export { hashString }

/** Up to two initials of the title ("Red mug" gives "RM"), or of the id when the title is blank. */
export function initials(title: string, id: string): string {
  const words = (title.trim() || id).split(/\s+/)
  // Array.from splits by code point, so an emoji or astral letter is not cut in half.
  return words.slice(0, 2).map((word) => Array.from(word)[0] || '').join('').toUpperCase()
}

/** Props of {@link Placeholder}. */
export type PlaceholderProps = {
  /** Item id: picks the colour, so an item keeps its colour across pages and visits. */
  id: string
  /** Item title: gives the initials. */
  title: string
}

/**
 * Stands in for a missing or unsafe product image: a square SVG in a colour derived from the
 * id, with the title's initials. Built as elements (no data: URL, no innerHTML, no style
 * attribute) so it passes a strict CSP. Hidden from assistive tech: the card already carries
 * the title, and read-out initials would only be noise.
 */
export function Placeholder({ id, title }: PlaceholderProps): VNode {
  const hue = hashString(id) % 360
  return (
    <svg part="image placeholder" viewBox="0 0 100 100" aria-hidden="true">
      {/* The fill is an SVG presentation attribute, which CSP does not restrict (unlike style). */}
      <rect width="100" height="100" fill={`hsl(${hue},45%,85%)`} />
      {/* Size, anchoring and colour of the text come from the stylesheet. */}
      <text x="50" y="50" dy=".35em">
        {initials(title, id)}
      </text>
    </svg>
  )
}
