// Messages between the page and the training worker. Plain structured-clonable data only.
import type { ContentFeatures, ModelWeights, StoredEvent } from '../core/types'
import type { WeightsDelta } from '../core/weight-delta'
import type { FineTuneOptions } from '../model/fine-tune'

export type { FineTuneOptions }

// Its own file: the options' public declarations must not pull the protocol's model (and tfjs) types.
import type { BackendPreference } from './backend-preference'
export type { BackendPreference }

export type ToWorker =
  | { kind: 'init'; dbName: string; features: ContentFeatures; weights: ModelWeights; trainerState?: unknown; trainerItemIds?: string[];
      trainedThroughSeq: number; events: StoredEvent[]; backend: BackendPreference; wasmPath: string; options: FineTuneOptions;
      /** The starting model's fingerprint, saved with the weights (see ShopModel.fingerprint). */
      base: string
      /** Items shown (impressions) since the page started; the worker reads the stored ones itself. */
      shown?: string[] }
  | { kind: 'train'; events: StoredEvent[]
      /** Items shown since the last message (impressions are counts apart from the event log, see core/impressions.ts). */
      shown?: string[] }
  | { kind: 'reset'; weights: ModelWeights; id: number }

export type FromWorker =
  | { kind: 'backend'; backend: string; reason: string }
  | { kind: 'trained'; trainedThroughSeq: number; loss: number; steps: number; ms: number; numTensors: number
      /**
       * The rows this round changed (steps > 0), their buffers transferred: the page's weights are
       * the worker's starting ones in the same item order (init sends the page's), so it patches them.
       * Absent when nothing was learned.
       */
      delta?: WeightsDelta }
  | { kind: 'reset-done'; id: number }
  | { kind: 'error'; message: string }
