// Incremental on-device fine-tuning: the one routine the browser worker and `localshelf eval`
// both run, so the evaluation measures exactly what ships.
import { buildExamples, sample, sampleNegatives } from '../core/training'
import type { ContentFeatures, ModelWeights, StoredEvent } from '../core/types'
import type { FineTuneOptions } from './fine-tune-options'
import type { TF } from './tf-types'
import { createTrainer, type Trainer, type TrainerChanges, type TrainerState } from './trainer'
import { createTunerRounds, type TunerInit } from './tuner-rounds'

export type { FineTuneOptions } from './fine-tune-options'


/**
 * The widget's defaults, a compromise between order histories and browsing. On the retail
 * validation baskets (leave-one-out, 1,761 shoppers; frozen shop model HR@10 0.4583 / NDCG@10
 * 0.1072) smaller updates did better: 12 steps at 0.05 gave 0.4594 / 0.1063, 4 steps 0.4634 /
 * 0.1071, 12 steps at 0.02 0.4628 / 0.1074, and 0.01 stayed at the frozen model. But three views
 * of Christmas products must turn "for you" to Christmas (e2e/shop.spec.ts) against the shop
 * model's co-purchase term, and 6 steps at 0.05 or 12 at 0.03 fell short; 8 steps at 0.04 is the
 * least tried that gets there. (Both were measured with the token rows trained; with them frozen
 * and views applying the co-purchase lists at a quarter weight, the scenario gets 4 of 5 on every
 * seed tried, and the grid above has not been rerun.) An update stays well under the 200 ms budget
 * (see `npm run bench`); 64 shared negatives and a replay of 64 older examples keep one click from
 * overwriting what earlier ones taught.
 */
export const FINE_TUNE: FineTuneOptions = { steps: 8, batchSize: 32, negatives: 64, replay: 64, learningRate: 0.04, contentWeight: 0.5 }

export interface FineTuner {
  readonly weights: ModelWeights
  /** Adds events (time-ordered, seq increasing); older seqs than known are ignored. */
  add(events: StoredEvent[]): void
  /** Trains on what is new since the last call. */
  train(): Promise<{ loss: number; steps: number; trainedThroughSeq: number }>
  trainedThroughSeq(): number
  /** Every event handed to the tuner, in seq order: what a tuner rebuilt elsewhere (another backend) starts from. */
  seen(): StoredEvent[]
  /**
   * Items shown to the shopper (impressions: the widget counts them apart from the event log, so
   * they come as ids). The sequence fine-tune takes those never picked as negatives; the older
   * trainer's loss has no use for them.
   */
  show(items: string[]): void
  /** The shown items kept, oldest first: with seen(), what a rebuilt tuner starts from. */
  shown(): string[]
  state(): TrainerState
  /** The live optimiser state (no copy): read between rounds only. */
  liveState(): TrainerState
  /** The rows and shared tables the rounds since the last call changed (see TrainerChanges). */
  takeChanges(): TrainerChanges
  dispose(): void
}

export function createFineTuner(
  tf: TF,
  weights: ModelWeights,
  features: ContentFeatures,
  options: FineTuneOptions,
  init: TunerInit & { state?: TrainerState } = {},
): FineTuner {
  // W and the token rows are the shop's shared structure (every item's vector mixes token rows): a
  // few local events must not bend them. Trained on three Christmas views (e2e/shop.spec.ts, demo
  // model, 10 seeds), token updates left 3 or 4 theme items in the for-you top 5 where the frozen
  // model had 3; with the tokens frozen it was 4 every time. The shopper's signal goes to the rows
  // of the items they touched, the biases and their offset. (A sequence model, weights.encoder,
  // scores with its encoder, not with W and the offset this loss uses: it fine-tunes with
  // seq-fine-tune.ts instead, see model-fine-tuner.ts.)
  const trainer: Trainer = createTrainer(tf, weights, features, {
    learningRate: options.learningRate, contentWeight: options.contentWeight, trainW: false, trainTokens: false,
  }, init.state)
  const rounds = createTunerRounds(weights.itemIds, init)
  const indexOf = (id: string) => rounds.index.get(id)
  const { events, random } = rounds

  return {
    weights,
    add: events.add,
    train: () => rounds.round(async (trainedThroughSeq) => {
      let loss = 0
      let steps = 0
      // What is new plus a bounded replay (seen-events.ts), never the whole log.
      const recent = events.recent(trainedThroughSeq)
      const fresh = buildExamples(recent, indexOf, { afterSeq: trainedThroughSeq })
      if (fresh.length > 0) {
        const older = buildExamples(recent.filter((e) => e.seq <= trainedThroughSeq), indexOf)
        const pool = fresh.concat(sample(random, older, options.replay))
        for (; steps < options.steps; steps++) {
          const batch = pool.length <= options.batchSize ? pool : sample(random, pool, options.batchSize)
          loss = await trainer.step(batch, sampleNegatives(random, weights.itemIds.length, options.negatives))
        }
      }
      return { loss, steps }
    }),
    trainedThroughSeq: rounds.trainedThroughSeq,
    seen: () => events.list.slice(),
    show: rounds.show,
    shown: () => [...rounds.shown],
    state: () => trainer.state(),
    liveState: () => trainer.liveState(),
    takeChanges: () => trainer.takeChanges(),
    dispose: () => trainer.dispose(),
  }
}
