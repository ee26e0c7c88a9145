// On-device fine-tuning of the sequence model: what a shopper's own events can teach the shop
// model. The same trainer as pretraining (seq-trainer.ts), on the shopper's own sequence, with the
// items they were shown and passed over (`impression` without a later interest) and the ones they
// dismissed as explicit negatives: classes of every row of their softmax.
import { encoderType } from '../core/encoder'
import { createRandom } from '../core/random'
import type { ContentFeatures, ModelWeights, StoredEvent } from '../core/types'
import type { Sequence } from './seq-batch'
import { createSeqTrainer, type SeqTrainer } from './seq-trainer'
import { createSeenEvents } from './seen-events'
import type { TFSeq } from './tf-types'

export interface SeqFineTuneOptions {
  /** Adam steps per update (on the whole local sequence: it is short). */
  steps: number
  learningRate: number
  /** Uniform negatives beside the shopper's own items and explicit negatives (0: none). */
  negatives: number
  /** Whether the rows of the shopper's items learn too (else only the item biases). */
  trainItems: boolean
}

/**
 * The defaults. The classes of a step are the shopper's own items and their explicit negatives
 * only (no random negatives), and only item biases learn: a few local events then move exactly the
 * items they are about — their own (never offered again on for-you) up, the passed-over ones down —
 * and nothing else in the catalogue, so the fine-tune cannot degrade the shop model's order of the
 * items the shopper has not met.
 */
export const SEQ_FINE_TUNE: SeqFineTuneOptions = { steps: 5, learningRate: 0.05, negatives: 0, trainItems: false }

export interface SeqFineTuner {
  readonly weights: ModelWeights
  add(events: StoredEvent[]): void
  /** Trains on everything known when something is new since the last call. */
  train(): Promise<{ loss: number; steps: number; trainedThroughSeq: number }>
  trainedThroughSeq(): number
  dispose(): void
}

const isNegative = (type: string) => type === 'impression' || type === 'dismiss'

export function createSeqFineTuner(
  tf: TFSeq,
  weights: ModelWeights,
  features: ContentFeatures,
  options: SeqFineTuneOptions = SEQ_FINE_TUNE,
  init: { trainedThroughSeq?: number; events?: StoredEvent[]; seed?: number } = {},
): SeqFineTuner {
  const trainer: SeqTrainer = createSeqTrainer(tf, weights, features, {
    learningRate: options.learningRate, dropout: 0, negatives: options.negatives,
    trainItems: options.trainItems, trainTokens: false, trainBias: true, trainEncoder: false,
  })
  const index = new Map(weights.itemIds.map((id, i) => [id, i]))
  const events = createSeenEvents()
  let trainedThroughSeq = init.trainedThroughSeq ?? 0
  const random = createRandom(init.seed ?? trainedThroughSeq + 1)

  const self: SeqFineTuner = {
    weights,
    add: events.add,
    async train() {
      let loss = 0
      let steps = 0
      const lastSeq = events.newestAfter(trainedThroughSeq)
      if (lastSeq === undefined) return { loss, steps, trainedThroughSeq }
      const sequence: Sequence = { items: [], types: [] }
      const wanted = new Set<number>()
      const passed = new Set<number>()
      for (const e of events.list) {
        const i = index.get(e.item)
        if (i === undefined) continue
        if (isNegative(e.type)) passed.add(i)
        else {
          ;(sequence.items as number[]).push(i)
          ;(sequence.types as number[]).push(encoderType(e.type))
          wanted.add(i)
        }
      }
      // Shown and later picked is not a negative.
      const negatives = [...passed].filter((i) => !wanted.has(i))
      // A lone item has no next item; repeated, it still anchors the softmax against the negatives.
      const seqs = sequence.items.length >= 2 ? [sequence] : sequence.items.length === 1 && negatives.length ? [{ items: [sequence.items[0], sequence.items[0]], types: [sequence.types[0], sequence.types[0]] }] : []
      if (seqs.length) for (; steps < options.steps; steps++) loss = await trainer.step(seqs, random, negatives)
      trainedThroughSeq = lastSeq
      return { loss, steps, trainedThroughSeq }
    },
    trainedThroughSeq: () => trainedThroughSeq,
    dispose: () => undefined,
  }
  if (init.events) self.add(init.events)
  return self
}
