// The privacy panel's view of what is stored, derived from the same export the shopper can
// download, so the two can never disagree.
import type { LocalshelfExport } from '../store/erase'

/** Meta key of where and when the model was last fine-tuned on this device. */
export const TRAINED_KEY = 'trained-on'

export interface PrivacySummary {
  /** Interactions by type (view, click, cart, purchase, query, …), impressions not included. */
  events: Record<string, number>
  /** Shelf items shown to the shopper (counted for the shop's statistics, not used for learning). */
  impressions: number
  /** The last few products interacted with, newest first. */
  recent: Array<{ id: string; title: string; type: string; at: number }>
  /** Numbers in the fine-tuned model (0 when there is none). */
  modelParameters: number
  /** When and on what the model was last fine-tuned here; null when it never was. */
  trained: { at: number; backend: string } | null
  consent: boolean
  paused: boolean
  arm: string
}

export function summarisePrivacy(data: LocalshelfExport, context: { titleOf: (id: string) => string; consent: boolean; paused: boolean; arm: string }): PrivacySummary {
  const events: Record<string, number> = {}
  // Impression events are only found in a log written before impressions were counted apart.
  let impressions = data.impressions.reduce((n, r) => n + r.count, 0)
  for (const e of data.events) {
    if (e.type === 'impression') impressions++
    else events[e.type] = (events[e.type] ?? 0) + 1
  }
  const recent: PrivacySummary['recent'] = []
  const seen = new Set<string>()
  for (let i = data.events.length - 1; i >= 0 && recent.length < 5; i--) {
    const e = data.events[i]
    if (e.type === 'impression' || seen.has(e.item)) continue
    seen.add(e.item)
    recent.push({ id: e.item, title: context.titleOf(e.item), type: e.type, at: e.ts })
  }
  const stamp = data.meta[TRAINED_KEY] as { at?: unknown; backend?: unknown } | undefined
  // A saved model says training happened even when the stamp predates this version: then the
  // save time stands in, and the backend is unknown rather than contradicting it.
  const trained = data.model && data.model.trainedThroughSeq > 0
    ? { at: typeof stamp?.at == 'number' ? stamp.at : data.model.savedAt, backend: typeof stamp?.backend == 'string' ? stamp.backend : 'unknown' }
    : null
  return {
    events, impressions, recent, modelParameters: trained ? data.model!.parameters : 0, trained,
    consent: context.consent, paused: context.paused, arm: context.arm,
  }
}
