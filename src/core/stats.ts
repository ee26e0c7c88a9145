// Confidence intervals for the shop's on-device A/B numbers. 95% throughout (z = 1.96).

const Z = 1.959964

export interface Interval {
  value: number
  low: number
  high: number
}

/**
 * Wilson score interval of a proportion (successes out of trials): unlike the normal
 * approximation it stays inside 0..1 and behaves with the few events one device has.
 * 0 trials gives value 0 and the whole 0..1 range.
 */
export function wilson(successes: number, trials: number): Interval {
  if (trials <= 0) return { value: 0, low: 0, high: 1 }
  const p = Math.min(1, successes / trials)
  const z2 = Z * Z
  const denom = 1 + z2 / trials
  const centre = (p + z2 / (2 * trials)) / denom
  const half = (Z * Math.sqrt((p * (1 - p)) / trials + z2 / (4 * trials * trials))) / denom
  return { value: p, low: Math.max(0, centre - half), high: Math.min(1, centre + half) }
}

/**
 * Mean per trial of amounts that occur on a few trials (revenue per impression: most are 0),
 * with the normal interval from the sample variance. `amounts` lists the non-zero ones.
 */
export function meanInterval(amounts: number[], trials: number): Interval {
  if (trials <= 0) return { value: 0, low: 0, high: 0 }
  const sum = amounts.reduce((a, b) => a + b, 0)
  const mean = sum / trials
  if (trials < 2) return { value: mean, low: mean, high: mean }
  const squares = amounts.reduce((a, b) => a + b * b, 0)
  const variance = Math.max(0, (squares - trials * mean * mean) / (trials - 1))
  const half = Z * Math.sqrt(variance / trials)
  return { value: mean, low: mean - half, high: mean + half }
}
