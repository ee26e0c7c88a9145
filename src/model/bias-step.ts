// One step of the sequence fine-tune's loss in tfjs: the next-item softmax over a few classes
// where only the classes' biases learn. The rest of each logit (shopper vector . item vector, less
// the sampled softmax's log q) is a constant of the round, computed in plain TypeScript
// (seq-fine-tune.ts), so the step runs only ops the worker bundle ships (tf-browser.ts).
import type { Scalar, Tensor } from '@tensorflow/tfjs-core'
import type { TF } from './tf-types'

export interface BiasStepInputs {
  /** Loss rows (N) and classes (C). */
  rows: number
  classes: number
  /** [N x C] the logits without the class biases. */
  base: Float32Array
  /** [N x C] 1 at each row's target class, else 0. */
  pick: Float32Array
  /** [C] the classes' biases. */
  bias: Float32Array
}

/** Mean softmax cross-entropy of the rows' targets and its gradient w.r.t. the class biases. */
export async function biasStep(tf: TF, inputs: BiasStepInputs): Promise<{ loss: number; grad: Float32Array }> {
  const { rows, classes } = inputs
  const { value, grads } = tf.tidy(() => {
    const base = tf.tensor2d(inputs.base, [rows, classes])
    const pick = tf.tensor2d(inputs.pick, [rows, classes])
    const scale = tf.scalar(-1 / rows)
    // The target's log-probability picked by a product (no slice kernel in the bundle), as stepLoss does.
    const f = (bias: Tensor) => tf.mul(tf.sum(tf.mul(tf.logSoftmax(tf.add(base, bias)), pick)), scale) as Scalar
    return tf.valueAndGrads(f)([tf.tensor1d(inputs.bias)])
  })
  try {
    const [loss, grad] = (await Promise.all([value.data(), grads[0].data()])) as Float32Array[]
    return { loss: loss[0], grad }
  } finally {
    tf.dispose([value, ...grads])
  }
}
