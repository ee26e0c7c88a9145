// Whether the widget may record: always, unless the shop asked for consent (then only after
// `consent(true)`) or opted in to Global Privacy Control and the browser sends it. Learning can
// also be paused by the shopper. The answer is remembered with the shopper's data.
import { getMeta, setMeta } from '../store/meta-store'
import type { DBRef } from '../store/schema'

const CONSENT_KEY = 'consent'
const PAUSED_KEY = 'paused'

export interface Consent {
  /** True when events may be recorded and personal shelves shown. */
  granted(): boolean
  /** True while the shopper paused learning (nothing new is recorded). */
  paused(): boolean
  /** Loads the remembered answer and pause state. */
  load(): Promise<void>
  /** Records the shopper's answer (the caller erases on false). */
  set(value: boolean): Promise<void>
  setPaused(value: boolean): Promise<void>
  /** After an erase: the remembered answer and pause are gone too. */
  reset(): void
}

type ConsentOptions = { consent?: 'required' | 'implied'; honorGlobalPrivacyControl?: boolean }

/** True when nothing may be recorded (or stored) before `consent(true)`. */
export function consentRequired(options: ConsentOptions): boolean {
  const gpc = !!options.honorGlobalPrivacyControl && typeof navigator != 'undefined' && (navigator as { globalPrivacyControl?: boolean }).globalPrivacyControl === true
  return options.consent === 'required' || gpc
}

/** `db` is read on each use: where consent is required the database opens only once it is given. */
export function createConsent(db: () => DBRef, options: ConsentOptions): Consent {
  const required = consentRequired(options)
  let answer: boolean | undefined
  let paused = false
  return {
    granted: () => (required ? answer === true : answer !== false),
    paused: () => paused,
    async load() {
      // Nothing is read before consent could have been given: reading opens no store we write.
      const [stored, pausedStored] = await Promise.all([getMeta<boolean>(db(), CONSENT_KEY), getMeta<boolean>(db(), PAUSED_KEY)]).catch(() => [undefined, undefined])
      if (typeof stored == 'boolean' && answer === undefined) answer = stored
      paused = pausedStored === true
    },
    async set(value) {
      answer = value
      if (value) await setMeta(db(), CONSENT_KEY, true).catch(() => undefined)
    },
    async setPaused(value) {
      paused = value
      await setMeta(db(), PAUSED_KEY, value).catch(() => undefined)
    },
    reset() {
      paused = false
      if (answer !== false) answer = required ? undefined : answer
    },
  }
}
