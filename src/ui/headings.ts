// Default shelf headings for the placements the engine ranks; every other placement is ranked
// as "for you" by the engine, so it gets that heading. Kept this short because it ships in the
// first-paint chunk: a shop sets `heading` to translate or to name other shelves.
const HEADINGS: Record<string, string> = {
  'for-you': 'Recommended for you',
  similar: 'Similar products',
  trending: 'Trending now',
  cart: 'Goes with your cart',
  recent: 'Recently viewed',
  need: 'Tell us what you need',
}

/** The heading shown when a shelf sets none: per placement, "Recommended for you" otherwise. */
export function defaultHeading(placement: string): string {
  // hasOwn: a placement named like an Object.prototype key must not pick up a function.
  return Object.hasOwn(HEADINGS, placement) ? HEADINGS[placement] : HEADINGS['for-you']
}
