import { priorOf, type RankState } from '../core/recommend'
import { inverseNorms } from '../core/scan'
import { yieldToPage } from './sliced'

/**
 * Builds, one task each, the catalogue-wide tables the first rankings would otherwise build
 * lazily inside the first shelves' renders: the out-of-stock mask, the popularity prior, the
 * vectors' norms (5-15 ms each at 100,000 products). The page's features are always packed
 * (src/app/catalog-state.ts), which rank without postings (src/core/packed-features.ts). Left lazy,
 * the first "similar" shelf paid all of them in one task of 55-85 ms.
 */
export async function warmRanking(rank: RankState | undefined, stockMask: () => unknown): Promise<void> {
  if (!rank) return
  const builds = [stockMask, () => priorOf(rank), () => inverseNorms(rank.vectors, rank.weights.dim)]
  for (const build of builds) {
    await yieldToPage()
    build()
  }
}
