// Turns a shelf request into ranked, explained items: the shopper's history and cart, the shop's
// rules and the placement's fallback chain (personal -> content -> popular). Stateless: the
// engine passes in what it holds.
import { historyContext, historySets, type HistoryContext } from '../core/history'
import { rankPlacement, type PlacementRequest } from '../core/placements'
import type { RankState } from '../core/recommend'
import { cartItems, recentItems, strongestInteraction } from '../core/shopper'
import type { CatalogTable, IdIndex } from '../core/catalog-table'
import type { InteractionEvent } from '../core/types'
import type { ShelfRequest, ShelfResult } from '../ui/engine-types'
import { reasonText, type ReasonStrings } from './reason'
import { fieldRuleMask } from './rule-mask'

/** What a ranking reads from the engine. */
export interface RankingInputs {
  items: CatalogTable
  /** Row by id (a Map will do). */
  index: IdIndex
  rank: RankState | undefined
  /** Recent events, oldest first. */
  history: InteractionEvent[]
  /** Per-catalog cache of the out-of-stock mask (1 = out of stock). */
  stockMask: () => Uint8Array
  /** The need shelf's scores for a query, or undefined while the query code is still loading. */
  needScores: (query: string, history: HistoryContext) => Float32Array | undefined
  strings: ReasonStrings
  currency?: string
  /** The holdout arm: no personal history reaches the ranking (popularity and content only). */
  holdout: boolean
}

const NO_HISTORY: HistoryContext = { context: [], weights: [], neighborWeights: [] }

export function recommendShelf(inputs: RankingInputs, request: ShelfRequest): ShelfResult {
  const { placement } = request
  const { items, index, rank, history } = inputs
  if (!rank) return { placement, items: [], source: 'popular' }
  const indexOf = (id: string) => index.get(id)
  const indices = (ids: string[] | undefined) => (ids ?? []).map(indexOf).filter((i): i is number => i !== undefined)
  const rules = request.rules ?? {}
  const sets = historySets(history)
  const inCart = new Set(request.items ?? cartItems(history))
  const context = inputs.holdout ? NO_HISTORY : historyContext(history, indexOf)

  // One mask per ranking: a per-item Set lookup by id was a third of a 100k-item ranking.
  const mask = rules.excludeOutOfStock === false ? new Uint8Array(items.length) : inputs.stockMask().slice()
  const mark = (ids: Iterable<string>) => { for (const id of ids) { const i = index.get(id); if (i !== undefined) mask[i] = 1 } }
  mark(sets.dismissed)
  mark(rules.exclude ?? [])
  if (rules.excludePurchased !== false) mark(sets.purchased)
  if (rules.excludeInCart !== false || placement === 'cart') mark(inCart)
  // "For you" never offers what the shopper has already seen; the other shelves may.
  if (placement === 'for-you' && !inputs.holdout) mark(sets.seen)
  const fields = fieldRuleMask(items, rules)
  if (fields) for (let i = 0; i < mask.length; i++) mask[i] |= fields[i]
  const excluded = (i: number) => mask[i] === 1

  const ranking: PlacementRequest = {
    placement, limit: request.limit, history: context, excluded,
    item: request.item === undefined ? undefined : index.get(request.item),
    cart: indices([...inCart]),
    recent: inputs.holdout ? [] : indices(recentItems(history, request.item)),
    queryScores: placement === 'need' && request.query?.trim() ? inputs.needScores(request.query.trim(), context) : undefined,
    order: {
      pin: indices(rules.pin), boost: indices(rules.boost), bury: indices(rules.bury),
      maxPerCategory: rules.maxPerCategory, diversity: rules.diversity, categoryOf: (i) => items.category(i),
    },
  }
  let result = rankPlacement(rank, ranking)
  // Never empty while the catalog is not: popularity with the shop's rules, then with stock only.
  if (!result.picks.length && request.fallback !== 'none') {
    result = rankPlacement(rank, { ...ranking, placement: 'trending' })
    if (!result.picks.length) result = rankPlacement(rank, { ...ranking, placement: 'trending', excluded: (i) => items.inStock(i) === false })
  }
  const strongest = strongestInteraction(history)
  return {
    placement,
    source: result.source,
    items: result.picks.map(({ index: i, because, why }) => {
      // Built here, for the few items shown: the catalogue is kept as columns.
      const item = items.item(i)
      const cause = because === undefined ? undefined : { id: items.ids[because], title: items.title(because) }
      const reason = reasonText(why, inputs.strings, cause && { title: cause.title ?? cause.id, type: strongest.get(cause.id) }, request.query?.trim())
      return {
        id: item.id, title: item.title ?? item.id, price: item.price, currency: item.currency ?? inputs.currency,
        image: item.image, url: item.url, reason, data: { ...item.fields, ...item },
      }
    }),
  }
}
