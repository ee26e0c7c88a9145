import { expect, it } from 'vitest'
import { defaultHeading } from './headings'

it('gives a heading per placement and a generic one for others', () => {
  expect(defaultHeading('for-you')).toBe('Recommended for you')
  expect(defaultHeading('similar')).toBe('Similar products')
  expect(defaultHeading('trending')).toBe('Trending now')
  expect(defaultHeading('something-new')).toBe('Recommended for you')
  // Object.prototype keys must not leak in as headings.
  expect(defaultHeading('constructor')).toBe('Recommended for you')
})
