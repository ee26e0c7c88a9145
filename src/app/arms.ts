// The device's arm of the on-device A/B test: one uniform draw, stored with the shopper's data
// (so erasing forgets it too), turned into an arm by the shop's holdout share.
import { armFor, DEFAULT_HOLDOUT, type Arm } from '../core/arms'
import { getMeta, setMeta } from '../store/meta-store'
import type { DBRef } from '../store/schema'

const DRAW_KEY = 'arm-draw'

export interface Arms {
  /** The arm now ("model" until the stored draw is read, unless forced). */
  current(): Arm
  /** Reads (or makes and stores) this device's draw; call once consent allows storing. */
  load(): Promise<void>
  /** Forgets the draw (after an erase): a new one is made on the next load. */
  reset(): void
}

export function createArms(db: () => DBRef, options: { holdout?: number; arm?: Arm }): Arms {
  const share = options.holdout ?? DEFAULT_HOLDOUT
  armFor(0, share) // a bad share fails at start, with the message naming the option
  let draw: number | undefined
  return {
    current: () => options.arm ?? (draw === undefined ? 'model' : armFor(draw, share)),
    async load() {
      const stored = await getMeta<number>(db(), DRAW_KEY).catch(() => undefined)
      if (typeof stored == 'number' && stored >= 0 && stored < 1) draw = stored
      else {
        draw = Math.random()
        await setMeta(db(), DRAW_KEY, draw).catch(() => undefined)
      }
    },
    reset() {
      draw = undefined
    },
  }
}
