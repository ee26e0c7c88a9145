import type { Item } from '../core/types'
import type { HistoryEvent, ProtocolName, TrainData } from './protocol'

/** Who is being ranked for, for methods that keep per-shopper state (on-device fine-tuning). */
export interface ScoreContext {
  userKey: string
  protocol: ProtocolName
}

/**
 * The one seam every evaluated method plugs into (baselines and the shop model alike). The
 * harness owns splitting, seen-item exclusion, top-10 selection, metrics and timing; a method only
 * learns and scores.
 */
export interface Method {
  /** Row label and JSON key, e.g. `ease` or `shop+finetune`. */
  name: string
  /**
   * Learn from the training data. The harness times this call (training time column). `log`
   * takes progress lines for long fits (they go to stderr).
   */
  fit(train: TrainData, log: (line: string) => void): Promise<void> | void
  /**
   * Scores for the whole catalog (length = number of items, higher is better, NaN = never
   * recommend) given the user's time-ordered history. The harness excludes items in the
   * history and keeps the top 10, so a method need not mask anything.
   */
  scoreUser(history: HistoryEvent[], context: ScoreContext): Float32Array | Promise<Float32Array>
  /**
   * Called with each basket's events as the shopper's replay reaches them, after the prediction
   * for that basket was scored (the product fine-tunes here). In leave-one-out every history
   * basket is observed before the one test ranking. Optional; its time is reported separately.
   */
  observe?(userKey: string, events: HistoryEvent[]): Promise<void> | void
  /** Called before a shopper's replay starts: drop any state kept for that key. */
  resetUser?(userKey: string): void
  /** Frees large buffers once the protocol is done (called even after a failure). */
  dispose?(): void
  /** Settings chosen while fitting (EASE's lambda, kNN's neighbour count), copied to the result. */
  params?: Record<string, number | string>
  /** A caveat about this run (e.g. "restricted to the 8000 most frequent items"), copied to the result. */
  note?: string
  /**
   * The protocols where this row means something (e.g. a rule on impressions, which only the
   * session protocol produces); under the others the row is left out. Default: all.
   */
  protocols?: readonly ProtocolName[]
}

export interface MethodContext {
  protocol: ProtocolName
  items: Item[]
  /** The run's seed; methods derive every random choice from it. */
  seed: number
}

/** Makes a fresh method for one protocol (each protocol fits from scratch). */
export type MethodFactory = (context: MethodContext) => Method
