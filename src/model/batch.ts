import { contentCosine } from '../core/content'
import type { TrainingExample } from '../core/training'
import type { ContentFeatures } from '../core/types'

/**
 * The index side of one training step, built in plain JS: which item and token rows the batch
 * touches (U and T) and every index re-expressed as a row of those small tables, so the tensors of
 * a step are as large as the batch, never as the catalog.
 */
export interface Batch {
  /** Catalog index of each used item row (U), in local-row order. */
  items: Int32Array
  /** Token bucket of each used token row (T), in local-row order; empty when no used item has tokens. */
  tokens: Int32Array
  /** Examples in the batch (B). */
  size: number
  /** Token slots per item (M). */
  maxTokens: number
  /** Context slots per example (L): the longest context in the batch, at least 1. */
  contextLength: number
  /** Candidates per example: the target, then the K negatives. */
  candidates: number
  /** [|U| x M] rows of `tokens`; padding points at row 0 with weight 0. */
  itemTokIdx: Int32Array
  /** [|U| x M] TF-IDF weights of those tokens. */
  itemTokW: Float32Array
  /** [B x L] rows of `items`; padding points at row 0 with weight 0. */
  ctxIdx: Int32Array
  /** [B x L] context weights (each row sums to 1 unless the context is empty). */
  ctxW: Float32Array
  /** [B x (1+K)] rows of `items`; column 0 is the target. */
  candIdx: Int32Array
  /** [B x (1+K)] constant logit terms: contentWeight x content cosine, and -1e4 for a negative that is the target. */
  logitConst: Float32Array
}

export interface BatchOptions {
  /** Longest context kept per example (L). */
  maxContext: number
  /** Weight of the TF-IDF cosine in the logits (gamma); 0 skips computing it. */
  contentWeight: number
  /** Other fixed logit terms (the shop model's neighbour scores) for an example's candidates. */
  prior?: (context: number[], weights: number[], candidates: Int32Array) => Float32Array
}

/**
 * Logit of a masked candidate. exp(-1e4 - max) is exactly 0 in float32 (it underflows below
 * -104), so the candidate drops out of the softmax; -1e4 rather than the usual -1e9 because it
 * still fits a half-float WebGL texture (max 65504), where -1e9 would become -Infinity and
 * `-Infinity * 0` in the target pick would turn the loss into NaN.
 */
const MASKED = -1e4

/**
 * Builds the index tables of one step. Throws (before anything is computed) when an example or a
 * negative points outside the catalog, so a bad caller never corrupts the weights.
 */
export function buildBatch(
  features: ContentFeatures,
  itemCount: number,
  examples: TrainingExample[],
  negatives: ArrayLike<number>,
  options: BatchOptions,
): Batch {
  if (examples.length === 0) throw new Error('Trainer.step needs at least one training example; skip the step when there is nothing to learn.')
  const checkItem = (index: number, what: string): void => {
    if (!Number.isInteger(index) || index < 0 || index >= itemCount) {
      throw new Error(`Trainer.step: ${what} ${index} is not an item row (the model has ${itemCount} items); rebuild the examples against the current catalog.`)
    }
  }
  const local = new Map<number, number>()
  const items: number[] = []
  const rowOf = (index: number): number => {
    let row = local.get(index)
    if (row === undefined) {
      row = items.length
      local.set(index, row)
      items.push(index)
    }
    return row
  }

  const size = examples.length
  const contexts = examples.map((example, b) => {
    checkItem(example.target, `example ${b} target`)
    if (example.context.length !== example.contextWeights.length) {
      throw new Error(`Trainer.step: example ${b} has ${example.context.length} context items but ${example.contextWeights.length} weights; give one weight per context item.`)
    }
    example.context.forEach((item) => checkItem(item, `example ${b} context item`))
    return truncate(example.context, example.contextWeights, example.neighborWeights ?? example.contextWeights, options.maxContext)
  })
  for (let k = 0; k < negatives.length; k++) checkItem(negatives[k], `negative`)

  const contextLength = Math.max(1, ...contexts.map((c) => c.items.length))
  const candidates = 1 + negatives.length
  const ctxIdx = new Int32Array(size * contextLength)
  const ctxW = new Float32Array(size * contextLength)
  const candIdx = new Int32Array(size * candidates)
  const logitConst = new Float32Array(size * candidates)
  const candidateItems = new Int32Array(candidates)
  for (let k = 0; k < negatives.length; k++) candidateItems[k + 1] = negatives[k]

  for (let b = 0; b < size; b++) {
    const { items: ctx, weights, neighborWeights } = contexts[b]
    for (let l = 0; l < ctx.length; l++) {
      ctxIdx[b * contextLength + l] = rowOf(ctx[l])
      ctxW[b * contextLength + l] = weights[l]
    }
    const target = examples[b].target
    candidateItems[0] = target
    const cos = options.contentWeight !== 0 && ctx.length > 0 ? contentCosine(features, ctx, weights, candidateItems) : undefined
    const prior = options.prior && ctx.length > 0 ? options.prior(ctx, neighborWeights, candidateItems) : undefined
    for (let c = 0; c < candidates; c++) {
      const o = b * candidates + c
      candIdx[o] = rowOf(candidateItems[c])
      // A sampled negative that is the target would be pushed down and pulled up at once.
      if (c > 0 && candidateItems[c] === target) logitConst[o] = MASKED
      else logitConst[o] = (cos ? options.contentWeight * cos[c] : 0) + (prior ? prior[c] : 0)
    }
  }

  const { maxTokens, tokenIds, tokenWeights, buckets } = features
  const tokenRow = new Map<number, number>()
  const tokens: number[] = []
  const itemTokIdx = new Int32Array(items.length * maxTokens)
  const itemTokW = new Float32Array(items.length * maxTokens)
  for (let u = 0; u < items.length; u++) {
    for (let m = 0; m < maxTokens; m++) {
      const src = items[u] * maxTokens + m
      const w = tokenWeights[src]
      // Padding (weight 0) must not pull its bucket into T: bucket 0 would then get l2 updates.
      if (w === 0) continue
      const bucket = tokenIds[src]
      if (!(bucket >= 0 && bucket < buckets)) {
        throw new Error(`Trainer.step: item ${items[u]} has token bucket ${bucket}, outside 0..${buckets - 1}; rebuild the content features with the model's bucket count.`)
      }
      let row = tokenRow.get(bucket)
      if (row === undefined) {
        row = tokens.length
        tokenRow.set(bucket, row)
        tokens.push(bucket)
      }
      itemTokIdx[u * maxTokens + m] = row
      itemTokW[u * maxTokens + m] = w
    }
  }

  return {
    items: Int32Array.from(items),
    tokens: Int32Array.from(tokens),
    size,
    maxTokens,
    contextLength,
    candidates,
    itemTokIdx,
    itemTokW,
    ctxIdx,
    ctxW,
    candIdx,
    logitConst,
  }
}

/**
 * Caps a context at `max` items, keeping the heaviest (the most recent, with recency weights) and
 * renormalising so the user vector stays a weighted mean, as it is at ranking time.
 */
function truncate(items: number[], weights: number[], neighborWeights: number[], max: number): { items: number[]; weights: number[]; neighborWeights: number[] } {
  if (items.length <= max) return { items, weights, neighborWeights }
  const keep = items
    .map((_, i) => i)
    .sort((a, b) => weights[b] - weights[a] || a - b)
    .slice(0, max)
    .sort((a, b) => a - b)
  const total = keep.reduce((s, i) => s + weights[i], 0)
  const norm = (w: number[]) => keep.map((i) => (total > 0 ? w[i] / total : w[i]))
  return { items: keep.map((i) => items[i]), weights: norm(weights), neighborWeights: norm(neighborWeights) }
}
