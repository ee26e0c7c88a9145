import { topK } from '../core/rank'

/** Every metric here is "@10": the length of a shelf a shopper actually scans. */
export const CUTOFF = 10

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
 * The top `cutoff` items by score, best first, never an excluded (already seen) item nor a NaN
 * score. Ties go to the lower index (core `topK`), which keeps runs deterministic.
 */
export function topItems(scores: ArrayLike<number>, excluded: Uint8Array, cutoff = CUTOFF): number[] {
  return topK(scores, cutoff, (i) => excluded[i] === 1)
}

export interface MetricSummary {
  hr10: number
  ndcg10: number
  mrr10: number
  /** Distinct items in all top lists / catalog size. */
  coverage10: number
  /** Ranked lists scored. */
  cases: number
}

export interface MetricAccumulator {
  add(ranked: readonly number[], target: ReadonlySet<number>): CaseScore
  summary(): MetricSummary
}

/** Averages case scores over all added lists (each list counts once) and tracks coverage. */
export function createMetricAccumulator(catalogSize: number, cutoff = CUTOFF): MetricAccumulator {
  const shown = new Uint8Array(catalogSize)
  let distinct = 0
  let cases = 0
  let hits = 0
  let ndcg = 0
  let rr = 0
  const self: MetricAccumulator = {
    add(ranked, target) {
      const score = scoreCase(ranked, target, cutoff)
      for (let r = 0; r < Math.min(ranked.length, cutoff); r++) {
        if (!shown[ranked[r]]) { shown[ranked[r]] = 1; distinct++ }
      }
      cases++
      hits += score.hit
      ndcg += score.ndcg
      rr += score.rr
      return score
    },
    summary() {
      const mean = (sum: number) => (cases ? sum / cases : 0)
      return { hr10: mean(hits), ndcg10: mean(ndcg), mrr10: mean(rr), coverage10: catalogSize ? distinct / catalogSize : 0, cases }
    },
  }
  return self
}
