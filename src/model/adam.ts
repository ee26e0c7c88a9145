/**
 * Adam (Kingma & Ba) on a dense parameter array, in place, with bias correction; `step` counts
 * from 1. Decoupled weight decay (AdamW) when `decay` > 0.
 */
export function adamUpdate(
  param: Float32Array,
  grad: Float32Array,
  m: Float32Array,
  v: Float32Array,
  step: number,
  lr: number,
  decay = 0,
  beta1 = 0.9,
  beta2 = 0.999,
  epsilon = 1e-8,
): void {
  const c1 = 1 - Math.pow(beta1, step)
  const c2 = 1 - Math.pow(beta2, step)
  const rate = lr / c1
  for (let i = 0; i < param.length; i++) {
    const g = grad[i]
    const mi = (m[i] = beta1 * m[i] + (1 - beta1) * g)
    const vi = (v[i] = beta2 * v[i] + (1 - beta2) * g * g)
    param[i] -= rate * mi / (Math.sqrt(vi / c2) + epsilon) + lr * decay * param[i]
  }
}
