// Opt-in aggregate counts for the shop, made epsilon-differentially private on the device with
// the Laplace mechanism: the shop sums what many devices send and gets an unbiased estimate,
// while one device's report says next to nothing about that shopper.

/** One Laplace(0, scale) draw from a uniform source (inverse CDF). */
export function laplace(scale: number, random: () => number): number {
  let u = random() - 0.5
  while (u === -0.5) u = random() - 0.5 // log(0) guard
  return -scale * Math.sign(u) * Math.log(1 - 2 * Math.abs(u))
}

/** Each count is clipped to this many per day, which bounds what one device can contribute. */
export const DAILY_CAP = 20

/**
 * Noisy counts: each clipped to [0, cap], plus Laplace noise of scale (cells x cap) / epsilon,
 * the L1 sensitivity of the whole report (one shopper's day can change every cell by up to cap).
 * Unbiased for the clipped counts; the shop's sum over n devices has a standard deviation of
 * sqrt(2 n) x scale per cell.
 */
export function privatize(counts: Record<string, number>, epsilon: number, random: () => number, cap = DAILY_CAP): Record<string, number> {
  if (!(epsilon > 0)) throw new Error(`epsilon must be a positive number (got ${epsilon}); 1 is the default`)
  const keys = Object.keys(counts)
  const scale = (keys.length * cap) / epsilon
  const out: Record<string, number> = {}
  for (const key of keys) out[key] = Math.min(cap, Math.max(0, counts[key])) + laplace(scale, random)
  return out
}

/** The expected standard deviation of the shop's summed estimate of one cell over `devices`. */
export function estimateDeviation(cells: number, devices: number, epsilon: number, cap = DAILY_CAP): number {
  return Math.sqrt(2 * devices) * ((cells * cap) / epsilon)
}
