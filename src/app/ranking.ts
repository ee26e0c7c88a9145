// The shelves' ranking as the engine serves it: the current catalogue, weights and history put
// into one reused inputs object, the need shelf's query matching loaded on first use, and every
// shelf the trending one until the shopper consents.
import type { CatalogTable } from '../core/catalog-table'
import type { InteractionEvent } from '../core/types'
import type { ShelfRequest, ShelfResult } from '../ui/engine-types'
import type { Arms } from './arms'
import type { CatalogState } from './catalog-state'
import type { Consent } from './consent'
import type { ExtrasLoader } from './extras-loader'
import type { Extras } from './extras-type'
import type { ModelState } from './model-state'
import type { ReasonStrings } from './reason'
import { recommendShelf, type RankingInputs } from './shelf-ranking'

export interface RankingParts {
  catalog: CatalogState
  model: ModelState
  /** Recent events, oldest first (replaced, not only appended to, by track and erase). */
  history(): InteractionEvent[]
  arms: Arms
  consent: Consent
  extras: ExtrasLoader
  strings: ReasonStrings
  currency?: string
  fail(where: string, error: unknown): void
}

export function createRanking(p: RankingParts): (request: ShelfRequest) => ShelfResult {
  const { catalog, model, extras } = p
  let queryIndex: ReturnType<Extras['buildQueryIndex']> | undefined
  let queryItems: CatalogTable | undefined
  const rankingInputs: RankingInputs = {
    items: catalog.items, index: catalog.index, rank: model.rank, history: p.history(), holdout: false, currency: p.currency, strings: p.strings,
    stockMask: catalog.stockMask,
    // The vocabulary is built on the first query, once per catalog; until the code is loaded the
    // need shelf falls back to popular picks and re-ranks when it arrives.
    needScores: (query, context) => {
      const module = extras.get()
      if (!module || !model.rank) {
        extras.load().catch((error) => p.fail('need shelf', error))
        return undefined
      }
      if (queryItems !== catalog.items || !queryIndex) queryIndex = module.buildQueryIndex((queryItems = catalog.items))
      return module.queryScores(queryIndex, model.rank.features, model.rank.count, query, context)
    },
  }
  return function recommend(request) {
    const inputs = Object.assign(rankingInputs, { items: catalog.items, index: catalog.index, rank: model.rank, history: p.history(), holdout: p.arms.current() === 'holdout' })
    // Without consent every shelf is the trending one: nothing personal is known or used.
    if (!p.consent.granted()) return { ...recommendShelf(inputs, { ...request, placement: 'trending' }), placement: request.placement }
    return recommendShelf(inputs, request)
  }
}
