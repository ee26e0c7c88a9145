import { historyContext, TRAIN_MAX_CONTEXT } from './history'
import type { StoredEvent } from './types'

/** One next-item example: the weighted history before an interaction, and the item interacted with. */
export interface TrainingExample {
  context: number[]
  /** Sum to 1. */
  contextWeights: number[]
  /** The weights the neighbour scores apply with (HistoryContext.neighborWeights); `contextWeights` when absent. */
  neighborWeights?: number[]
  target: number
}

export interface ExampleOptions {
  maxContext?: number
  /** Only targets from events with seq above this are built (incremental training). */
  afterSeq?: number
}

/**
 * Next-item examples from a time-ordered log: every interest event whose item is new to the
 * history before it becomes a target, with that history as context. Events with the same `ts`
 * form one basket: none of them is context for another (the order inside an order is
 * meaningless). Re-views of a known item teach nothing about discovery (the shelves never offer
 * seen items), so they are not targets.
 */
export function buildExamples(
  events: StoredEvent[],
  indexOf: (id: string) => number | undefined,
  options: ExampleOptions = {},
): TrainingExample[] {
  const afterSeq = options.afterSeq ?? -Infinity
  const examples: TrainingExample[] = []
  const seen = new Set<number>()
  let basketStart = 0
  let context: ReturnType<typeof historyContext> = { context: [], weights: [] }
  for (let e = 0; e < events.length; e++) {
    const event = events[e]
    if (e === 0 || event.ts !== events[e - 1].ts) {
      // A new basket: everything before it is history.
      for (let p = basketStart; p < e; p++) {
        const i = indexOf(events[p].item)
        if (i !== undefined && events[p].type !== 'impression' && events[p].type !== 'dismiss') seen.add(i)
      }
      basketStart = e
      if (e > 0) context = historyContext(events.slice(Math.max(0, e - 200), e), indexOf, options.maxContext ?? TRAIN_MAX_CONTEXT)
    }
    if (event.type === 'impression' || event.type === 'dismiss') continue
    const target = indexOf(event.item)
    if (target === undefined || event.seq <= afterSeq || seen.has(target) || context.context.length === 0) continue
    examples.push({ context: context.context, contextWeights: context.weights, neighborWeights: context.neighborWeights, target })
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
