import type { Item } from '../core/types'
import type { ReasonStrings } from './reason'
import type { AggregateReport } from './stats'
import type { Extras } from './extras-type'
import type { BackendPreference } from '../worker/backend-preference'

/** Options of `createLocalshelf`. Only `catalog` is required. */
export interface LocalshelfOptions {
  /** The product catalog: a URL of a JSON array, or the array itself. */
  catalog: string | Item[] | unknown[]
  /** Base URL of a shop model written by `localshelf pretrain` (e.g. "/shop-model/"). Optional. */
  model?: string
  /**
   * URL of `localshelf-worker.js` (the lazily loaded ML chunk). Optional from npm: the package finds
   * its own worker and wasm binary (`new URL('./…', import.meta.url)`); set it to serve them yourself.
   */
  workerUrl?: string
  /** Folder holding the tfjs wasm binaries (`tfjs-backend-wasm-simd.wasm`, …); defaults to the worker's folder. */
  wasmPath?: string
  /** Training backend: "auto" (default) picks WebGL on a real GPU, wasm on a software renderer, cpu last. */
  backend?: BackendPreference
  /** IndexedDB database name; change it to keep two widgets' data apart. Default "localshelf". */
  dbName?: string
  /** Quiet time after an interaction before the model fine-tunes, in ms. Default 400. */
  trainDelayMs?: number
  /** Locale for prices; defaults to the page's language. */
  locale?: string
  /** Currency for items that have none (ISO 4217). */
  currency?: string
  /**
   * Origins besides the page's own that product `url`s and `image`s may point at, e.g.
   * `["https://cdn.shop.example"]`. Others are dropped and reported. Default: none.
   */
  origins?: string[]
  /** Start the ML worker at all (false: content + popularity only). Default true. */
  learn?: boolean
  /** "required": record nothing and show only trending shelves until `consent(true)`. Default "implied". */
  consent?: 'required' | 'implied'
  /** Treat `navigator.globalPrivacyControl` as "consent required" (the shop opts in). Default false. */
  honorGlobalPrivacyControl?: boolean
  /** Events older than this many days are dropped. Default 90. */
  retentionDays?: number
  /** Share of devices in the holdout arm (popularity/content shelves), 0..1. Default 0.1. */
  holdout?: number
  /** Forces this device's arm, e.g. for tests: "model" or "holdout". */
  arm?: 'model' | 'holdout'
  /** Days after a shelf click in which a cart or purchase of that product counts for the shelf. Default 7. */
  attributionDays?: number
  /** Opt-in: called at most once a day with noisy counts only (epsilon-DP); the widget itself sends nothing. */
  onAggregate?: (report: AggregateReport) => void
  /** Privacy budget of `onAggregate`'s Laplace noise, above 0. Default 1. */
  epsilon?: number
  /**
   * Loads the lazy chunk (panels, statistics, query matching). The npm entry and the script tag
   * set it; pass your own only to serve the chunk from elsewhere.
   */
  extras?: () => Promise<Extras>
  /** Explanation lines, e.g. to translate: `{ viewed: 'Weil du {title} angesehen hast' }`. */
  strings?: Partial<ReasonStrings>
}

/** The state reported by `state()`. */
export interface LocalshelfState {
  /** "none" until the ML chunk has loaded; then "webgl", "wasm" or "cpu"; "unavailable" if it failed. */
  backend: string
  /** Why that backend was chosen (e.g. "webgl renderer is SwiftShader (software)"). */
  backendReason: string
  /** Interactions stored on this device. */
  eventsStored: number
  /** True once the model has been fine-tuned on this device's events. */
  trained: boolean
  /** Products in the catalog after validation. */
  catalogSize: number
  /** Rows of the catalog that were reported and skipped or trimmed. */
  catalogIssues: number
  /** Where the starting weights came from. */
  modelSource: 'shop' | 'content'
  /** Duration of the last fine-tune, in ms (0 before any). */
  lastTrainMs: number
  /** Fine-tune rounds the training worker has reported since the page loaded (one per `trained` answer, also one that found nothing to learn): a new round shows as a new count, where two rounds may take the same `lastTrainMs`. */
  trainRounds: number
  /** tfjs tensors alive in the worker after the last fine-tune (a leak shows as growth). */
  workerTensors: number
  /** True while events are recorded: consent given (where the shop asks for it) and learning not paused. */
  recording: boolean
  /** The last error, if any, that made a part of the widget fall back. */
  error?: string
}
