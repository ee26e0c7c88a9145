import { ruleFilter, type ShelfRules } from '../core/rules'
import type { CatalogTable } from '../core/catalog-table'

// The items a shelf's field rules (categories, tags, price range) leave out depend only on the
// catalog and the rules, yet cost a look at every item: worked out once per catalog and rules.
const cache = new WeakMap<CatalogTable, Map<string, Uint8Array>>()
const KEPT_PER_CATALOG = 16 // distinct rule sets on one page are few; this bounds a page that varies them

/** 1 where the rules' field filters leave the item out; undefined when the rules have none. */
export function fieldRuleMask(items: CatalogTable, rules: ShelfRules): Uint8Array | undefined {
  const { categories, tags, minPrice, maxPrice } = rules
  if (!categories?.length && !tags?.length && minPrice === undefined && maxPrice === undefined) return undefined
  const key = JSON.stringify([categories, tags, minPrice, maxPrice])
  let masks = cache.get(items)
  if (!masks) cache.set(items, (masks = new Map()))
  let mask = masks.get(key)
  if (!mask) {
    const out = ruleFilter({ categories, tags, minPrice, maxPrice, excludeOutOfStock: false, excludeInCart: false, excludePurchased: false }, { inCart: new Set(), purchased: new Set() })
    mask = Uint8Array.from({ length: items.length }, (_, i) => (out(items.ruleRow(i)) ? 1 : 0))
    if (masks.size >= KEPT_PER_CATALOG) masks.clear()
    masks.set(key, mask)
  }
  return mask
}
