import { expect, it } from 'vitest'
import { countImpression } from './visibility'

it('counts an impression once per placement and item per page view', () => {
  expect(countImpression('for-you', 'a')).toBe(true)
  expect(countImpression('for-you', 'a')).toBe(false)
  expect(countImpression('trending', 'a')).toBe(true)
  // Ids that would collide when joined with a separator stay apart.
  expect(countImpression('x,y', 'z')).toBe(true)
  expect(countImpression('x', 'y,z')).toBe(true)
})
