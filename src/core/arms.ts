// The on-device A/B test: each device draws once whether its shelves come from the personal
// model or from the holdout's popularity/content ranking.

export type Arm = 'model' | 'holdout'

/** Default share of devices in the holdout arm. */
export const DEFAULT_HOLDOUT = 0.1

/** The arm for a uniform draw in [0, 1): holdout below `share`. */
export function armFor(draw: number, share = DEFAULT_HOLDOUT): Arm {
  if (!(share >= 0 && share <= 1)) throw new Error(`holdout must be a share between 0 and 1 (got ${share}); 0.1 puts one device in ten in the holdout`)
  return draw < share ? 'holdout' : 'model'
}
