import { topK } from './rank'
import type { Item } from './types'

// A shop's business rules for one shelf, as plain data (from `<local-shelf>` attributes or the
// npm API), and the pure functions that apply them to a ranking.

/** Business rules of one shelf. Every field is optional; the defaults keep a shelf sensible. */
export interface ShelfRules {
  /** Leave out products with `inStock: false`. Default true. */
  excludeOutOfStock?: boolean
  /** Leave out products in the shopper's cart. Default true (the cart shelf always does). */
  excludeInCart?: boolean
  /** Leave out products the shopper bought. Default true. */
  excludePurchased?: boolean
  /** Product ids never to show. */
  exclude?: string[]
  /** Only products of these categories (case-insensitive). */
  categories?: string[]
  /** Only products carrying at least one of these tags (case-insensitive). */
  tags?: string[]
  /** Products shown first, in this order, whenever they are eligible. */
  pin?: string[]
  /** Products moved up (by a quarter of the shelf's score range). */
  boost?: string[]
  /** Products moved to the end (still shown when nothing else is left). */
  bury?: string[]
  /** Lowest price shown (items without a price are left out when a range is set). */
  minPrice?: number
  /** Highest price shown. */
  maxPrice?: number
  /** At most this many products of one category. */
  maxPerCategory?: number
  /** 0 (default): by relevance only; 1: as varied as possible (maximal marginal relevance). */
  diversity?: number
}

/** What the shopper has, for the cart and purchase rules. */
export interface ShopperSets {
  inCart: ReadonlySet<string>
  purchased: ReadonlySet<string>
}

const lower = (values: string[] | undefined) => (values?.length ? new Set(values.map((v) => v.toLowerCase())) : undefined)

/**
 * A predicate telling which items the rules leave out (before ranking): stock, cart, purchases,
 * explicit exclusions, category and tag filters, price range.
 */
export function ruleFilter(rules: ShelfRules, shopper: ShopperSets): (item: Item) => boolean {
  const exclude = new Set(rules.exclude ?? [])
  const categories = lower(rules.categories)
  const tags = lower(rules.tags)
  const { minPrice, maxPrice } = rules
  const ranged = minPrice !== undefined || maxPrice !== undefined
  return (item) =>
    exclude.has(item.id) ||
    (rules.excludeOutOfStock !== false && item.inStock === false) ||
    (rules.excludeInCart !== false && shopper.inCart.has(item.id)) ||
    (rules.excludePurchased !== false && shopper.purchased.has(item.id)) ||
    (!!categories && !categories.has((item.category ?? '').toLowerCase())) ||
    (!!tags && !(item.tags ?? []).some((t) => tags.has(t.toLowerCase()))) ||
    (ranged && (item.price === undefined || (minPrice !== undefined && item.price < minPrice) || (maxPrice !== undefined && item.price > maxPrice)))
}

/**
 * Scores with the boost and bury lists applied, as a copy (the input may be a shared cache). A
 * boost adds a quarter of the score range, enough to lift a good match into view without
 * putting an irrelevant one first; a bury subtracts twice the range, below every other item.
 */
export function boostScores(scores: Float32Array, boost: number[], bury: number[]): Float32Array {
  if (!boost.length && !bury.length) return scores
  let min = Infinity
  let max = -Infinity
  for (const s of scores) {
    if (s < min) min = s
    if (s > max) max = s
  }
  const range = max > min ? max - min : 1
  const out = scores.slice()
  for (const i of boost) out[i] += range / 4
  for (const i of bury) out[i] -= 2 * range
  return out
}

/**
 * Maximal marginal relevance (Carbonell & Goldstein, 1998): picks one by one the candidate with
 * the best `(1 - diversity) * relevance - diversity * (max similarity to the picks so far)`.
 * Relevance is rescaled to 0..1 over the candidates so the knob means the same on any scale.
 * `candidates` come best first; diversity 0 keeps their order.
 */
export function mmr(candidates: number[], scores: ArrayLike<number>, similarity: (a: number, b: number) => number, limit: number, diversity: number): number[] {
  const lambda = Math.min(1, Math.max(0, diversity))
  if (lambda === 0 || candidates.length <= 1) return candidates.slice(0, limit)
  let min = Infinity
  let max = -Infinity
  for (const c of candidates) {
    min = Math.min(min, scores[c])
    max = Math.max(max, scores[c])
  }
  const span = max > min ? max - min : 1
  const rest = candidates.slice()
  const closest = new Float64Array(rest.length) // max similarity of each remaining candidate to the picks
  const picked: number[] = []
  while (picked.length < limit && rest.length) {
    let best = 0
    let bestValue = -Infinity
    for (let k = 0; k < rest.length; k++) {
      const value = (1 - lambda) * ((scores[rest[k]] - min) / span) - lambda * closest[k]
      if (value > bestValue) { bestValue = value; best = k }
    }
    const chosen = rest[best]
    picked.push(chosen)
    rest.splice(best, 1)
    closest.copyWithin(best, best + 1)
    for (let k = 0; k < rest.length; k++) closest[k] = Math.max(closest[k], similarity(chosen, rest[k]))
  }
  return picked
}

/** Keeps at most `max` items per category (items without one share the empty category), in order. */
export function capPerCategory(ranked: number[], categoryOf: (index: number) => string | undefined, max: number | undefined): number[] {
  if (!max || max < 1) return ranked
  const counts = new Map<string, number>()
  return ranked.filter((i) => {
    const c = (categoryOf(i) ?? '').toLowerCase()
    const n = counts.get(c) ?? 0
    counts.set(c, n + 1)
    return n < max
  })
}

/**
 * The best `max` items of every category (case-insensitive; no category is a category), best
 * first overall: the candidates of a shelf with a category cap, in one pass over the catalog.
 */
export function topPerCategory(scores: ArrayLike<number>, max: number, categoryOf: (index: number) => string | undefined, excluded: (index: number) => boolean): number[] {
  const kept = new Map<string, number[]>() // per category, ascending by score, at most `max`
  for (let i = 0; i < scores.length; i++) {
    const s = scores[i]
    if (Number.isNaN(s) || excluded(i)) continue
    const c = (categoryOf(i) ?? '').toLowerCase()
    let list = kept.get(c)
    if (!list) kept.set(c, (list = []))
    if (list.length >= max) {
      if (s <= scores[list[0]]) continue
      list.shift()
    }
    let k = list.length
    while (k > 0 && scores[list[k - 1]] > s) k--
    list.splice(k, 0, i)
  }
  const out: number[] = []
  for (const list of kept.values()) out.push(...list)
  return out.sort((a, b) => scores[b] - scores[a] || a - b)
}

/**
 * The first `count` items of topPerCategory's order, from the best few items overall (growing
 * until enough pass the cap) rather than a look at every item's category: capping is a filter
 * that keeps order, so a prefix of the capped best-first list is the capped prefix of it.
 */
export function topPerCategoryHead(scores: ArrayLike<number>, count: number, max: number, categoryOf: (index: number) => string | undefined, excluded: (index: number) => boolean): number[] {
  for (let k = Math.max(count * 4, 16); ; k *= 4) {
    const ranked = topK(scores, k, excluded)
    const capped = capPerCategory(ranked, categoryOf, max)
    if (capped.length >= count || ranked.length < k) return capped.slice(0, count)
  }
}

/** Puts the eligible pinned items first, in their order, then the rest without duplicates. */
export function pinFirst(ranked: number[], pinned: number[], limit: number): number[] {
  const first = [...new Set(pinned)]
  const set = new Set(first)
  return first.concat(ranked.filter((i) => !set.has(i))).slice(0, limit)
}
