// Messages between the page and the training worker. Plain structured-clonable data only.
import type { ContentFeatures, ModelWeights, StoredEvent } from '../core/types'
import type { FineTuneOptions } from '../model/fine-tune'

export type { FineTuneOptions }

// Its own file: the options' public declarations must not pull the protocol's model (and tfjs) types.
import type { BackendPreference } from './backend-preference'
export type { BackendPreference }

export type ToWorker =
  | { kind: 'init'; dbName: string; features: ContentFeatures; weights: ModelWeights; trainerState?: unknown; trainerItemIds?: string[];
      trainedThroughSeq: number; events: StoredEvent[]; backend: BackendPreference; wasmPath: string; options: FineTuneOptions;
      /** The starting model's fingerprint, saved with the weights (see ShopModel.fingerprint). */
      base: string }
  | { kind: 'train'; events: StoredEvent[] }
  | { kind: 'reset'; weights: ModelWeights; id: number }

export type FromWorker =
  | { kind: 'backend'; backend: string; reason: string }
  | { kind: 'trained'; weights: ModelWeights; trainedThroughSeq: number; loss: number; steps: number; ms: number; numTensors: number }
  | { kind: 'reset-done'; id: number }
  | { kind: 'error'; message: string }
