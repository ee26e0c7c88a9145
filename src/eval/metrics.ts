import { topK } from '../core/rank'

/** The headline cutoff: the length of a shelf a shopper actually scans (MRR and coverage are @10 only). */
export const CUTOFF = 10
/** Every cutoff HR and NDCG are reported at: the literature's tables quote 5, 10 and 20. */
export const CUTOFFS = [5, 10, 20] as const
/** Length of the ranked lists the harness keeps: enough for the largest cutoff. */
export const MAX_CUTOFF = 20

/** Discount of a hit at 0-based rank r: 1 / log2(r + 2). */
const discount = (rank: number) => 1 / Math.log2(rank + 2)

/** DCG of a perfect list holding min(targets, cutoff) hits on top. */
export function idealDcg(targets: number, cutoff = CUTOFF): number {
  let sum = 0
  for (let r = 0; r < Math.min(targets, cutoff); r++) sum += discount(r)
  return sum
}

export interface CaseScore {
  /** 1 when any target item is in the list, else 0. */
  hit: number
  /** Binary-relevance DCG over the list, divided by idealDcg(|target|). */
  ndcg: number
  /** 1 / (1-based rank of the first target item in the list), 0 when none is. */
  rr: number
}

/** Scores one ranked list (best first, at most `cutoff` long) against the target items. */
export function scoreCase(ranked: readonly number[], target: ReadonlySet<number>, cutoff = CUTOFF): CaseScore {
  let dcg = 0
  let rr = 0
  const n = Math.min(ranked.length, cutoff)
  for (let r = 0; r < n; r++) {
    if (!target.has(ranked[r])) continue
    dcg += discount(r)
    if (rr === 0) rr = 1 / (r + 1)
  }
  const ideal = idealDcg(target.size, cutoff)
  return { hit: rr > 0 ? 1 : 0, ndcg: ideal > 0 ? dcg / ideal : 0, rr }
}

/**
 * The top `cutoff` items by score (20 by default, for HR/NDCG@20), best first, never an excluded
 * (already seen) item nor a NaN score. Ties go to the lower index (core `topK`), which keeps runs
 * deterministic.
 */
export function topItems(scores: ArrayLike<number>, excluded: Uint8Array, cutoff = MAX_CUTOFF): number[] {
  return topK(scores, cutoff, (i) => excluded[i] === 1)
}

export interface MetricSummary {
  hr5: number
  ndcg5: number
  hr10: number
  ndcg10: number
  hr20: number
  ndcg20: number
  mrr10: number
  /** Distinct items in all top lists / catalog size. */
  coverage10: number
  /** Ranked lists scored. */
  cases: number
}

export interface MetricAccumulator {
  /** Scores one ranked list (best first; pass at least 20 items, or HR/NDCG@20 undercount). Returns the @10 scores. */
  add(ranked: readonly number[], target: ReadonlySet<number>): CaseScore
  summary(): MetricSummary
}

/**
 * Averages case scores over all added lists (each list counts once) at 5, 10 and 20, and tracks
 * coverage of the top 10s.
 */
export function createMetricAccumulator(catalogSize: number): MetricAccumulator {
  const shown = new Uint8Array(catalogSize)
  let distinct = 0
  let cases = 0
  let rr = 0
  const hits = [0, 0, 0]
  const ndcg = [0, 0, 0]
  let at10: CaseScore = { hit: 0, ndcg: 0, rr: 0 }
  const self: MetricAccumulator = {
    add(ranked, target) {
      CUTOFFS.forEach((cutoff, c) => {
        const score = scoreCase(ranked, target, cutoff)
        hits[c] += score.hit
        ndcg[c] += score.ndcg
        if (cutoff === CUTOFF) at10 = score
      })
      for (let r = 0; r < Math.min(ranked.length, CUTOFF); r++) {
        if (!shown[ranked[r]]) { shown[ranked[r]] = 1; distinct++ }
      }
      cases++
      rr += at10.rr
      return at10
    },
    summary() {
      const mean = (sum: number) => (cases ? sum / cases : 0)
      return {
        hr5: mean(hits[0]), ndcg5: mean(ndcg[0]), hr10: mean(hits[1]), ndcg10: mean(ndcg[1]), hr20: mean(hits[2]), ndcg20: mean(ndcg[2]),
        mrr10: mean(rr), coverage10: catalogSize ? distinct / catalogSize : 0, cases,
      }
    },
  }
  return self
}
