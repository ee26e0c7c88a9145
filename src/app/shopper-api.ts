// The public methods for consent, pausing, statistics and the privacy summary: thin wrappers over
// the consent and arm factories and the lazy chunk, kept out of the composition root.
import type { Arm } from '../core/arms'
import type { ShelfStats } from '../core/attribution'
import { exportAll } from '../store/erase'
import type { Arms } from './arms'
import type { Consent } from './consent'
import type { ExtrasLoader } from './extras-loader'
import type { PrivacySummary } from './privacy'
import type { Storage } from './storage'

export interface ShopperApi {
  /** The shopper's answer where the shop asks for consent: true starts recording, false erases everything. */
  consent(value: boolean): Promise<void>
  /** Stops recording (and so learning) until `resume()`; remembered on this device. */
  pause(): Promise<void>
  resume(): Promise<void>
  /** Impressions, clicks, carts, purchases and revenue per arm and placement, with 95% intervals. */
  getStats(): Promise<ShelfStats[]>
  /** What is stored about the shopper, summarised for the privacy panel. */
  privacy(): Promise<PrivacySummary>
  /** This device's arm of the on-device A/B test. */
  arm(): Arm
}

export interface ShopperApiParts {
  ready: Promise<unknown>
  /** Read on each use: consent(true) opens the database where it waited for consent. */
  storage: Storage
  consent: Consent
  arms: Arms
  extras: ExtrasLoader
  /** Starts what waits for consent (the arm, the daily aggregate). */
  measure(): Promise<void>
  erase(): Promise<void>
  notify(): void
  titleOf(id: string): string
  attributionDays?: number
}

export function createShopperApi(p: ShopperApiParts): ShopperApi {
  return {
    async consent(value) {
      await p.ready
      if (value) p.storage.open()
      await p.consent.set(value)
      if (value) await p.measure()
      else await p.erase()
      p.notify()
    },
    async pause() {
      await p.consent.setPaused(true)
      p.notify()
    },
    async resume() {
      await p.consent.setPaused(false)
      p.notify()
    },
    async getStats() {
      await p.ready
      const [module, events, impressions] = await Promise.all([p.extras.load(), p.storage.log().all(), p.storage.impressions().all()])
      return module.shelfStats(events, p.attributionDays, impressions)
    },
    async privacy() {
      await p.ready
      const [module, data] = await Promise.all([p.extras.load(), exportAll(p.storage.db(), p.storage.log(), p.storage.impressions())])
      return module.summarisePrivacy(data, { titleOf: p.titleOf, consent: p.consent.granted(), paused: p.consent.paused(), arm: p.arms.current() })
    },
    arm: () => p.arms.current(),
  }
}
