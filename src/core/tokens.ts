import type { Item } from './types'

// Words that say nothing about a product; kept short because the list ships in the first-paint bundle.
const STOP = new Set('a an and the of for with in on to by from set pack x is it its or at as your our'.split(' '))

/** Lower-cased word tokens of a text, without stop words and one-letter tokens. */
export function tokenize(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 1 && !STOP.has(t) && !/^\d+$/.test(t))
}

/**
 * Price band on a log scale (factor 2 per band): items of similar price share a token, so "a
 * cheap one like this" and "premium" tastes show in the content vector.
 */
export function priceBand(price: number | undefined): string | undefined {
  if (price == null || !(price > 0)) return undefined
  return 'price:' + Math.round(Math.log2(price))
}

/** Every content token of an item, prefixed by field so "red" in a tag differs from a title word. */
export function itemTokens(item: Item): string[] {
  const out = tokenize(item.title ?? '')
  // Descriptions are long and noisy; their first words carry most of the signal.
  for (const t of tokenize(item.description ?? '').slice(0, 24)) out.push(t)
  if (item.category) out.push('cat:' + item.category.toLowerCase())
  for (const tag of item.tags ?? []) out.push('tag:' + tag.toLowerCase())
  const band = priceBand(item.price)
  if (band) out.push(band)
  return out
}
