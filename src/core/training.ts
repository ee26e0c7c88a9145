import { historyContext } from './history'
import type { StoredEvent } from './types'

/** One next-item example: the weighted history before an interaction, and the item interacted with. */
export interface TrainingExample {
  context: number[]
  /** Sum to 1. */
  contextWeights: number[]
  target: number
}

export interface ExampleOptions {
  maxContext?: number
  /** Only targets from events with seq above this are built (incremental training). */
  afterSeq?: number
}

/**
 * Next-item examples from a time-ordered log: every interest event whose item is new to the
 * history before it becomes a target, with that history as context. Re-views of a known item teach
 * nothing about discovery (the shelves never offer seen items), so they are not targets.
 */
export function buildExamples(
  events: StoredEvent[],
  indexOf: (id: string) => number | undefined,
  options: ExampleOptions = {},
): TrainingExample[] {
  const afterSeq = options.afterSeq ?? -Infinity
  const examples: TrainingExample[] = []
  const seen = new Set<number>()
  for (let e = 0; e < events.length; e++) {
    const event = events[e]
    if (event.type === 'impression' || event.type === 'dismiss') continue
    const target = indexOf(event.item)
    if (target === undefined) continue
    if (event.seq > afterSeq && seen.size > 0 && !seen.has(target)) {
      const { context, weights } = historyContext(events.slice(Math.max(0, e - 200), e), indexOf, options.maxContext)
      if (context.length > 0) examples.push({ context, contextWeights: weights, target })
    }
    seen.add(target)
  }
  return examples
}

/** K distinct-ish uniform negatives over the catalog (shared by a batch, so the step cost is fixed). */
export function sampleNegatives(random: () => number, items: number, k: number): Int32Array {
  const out = new Int32Array(Math.min(k, items))
  for (let i = 0; i < out.length; i++) out[i] = Math.floor(random() * items)
  return out
}

/** A uniform sample of `count` elements (without replacement) of `from`. */
export function sample<T>(random: () => number, from: T[], count: number): T[] {
  const copy = from.slice()
  const n = Math.min(count, copy.length)
  for (let i = 0; i < n; i++) {
    const j = i + Math.floor(random() * (copy.length - i))
    ;[copy[i], copy[j]] = [copy[j], copy[i]]
  }
  return copy.slice(0, n)
}
