import type { Tensor } from '@tensorflow/tfjs-core'
import type { TF } from './tf-types'

/**
 * `tf.gather(x, indices)` along axis 0 with a gradient every backend can run.
 *
 * gather's own gradient needs the UnsortedSegmentSum kernel, which the wasm backend lacks; the
 * gradient of a gather is a scatter that sums duplicate indices, which is exactly what
 * `tf.scatterND` does. `indices` (int32, any rank) is closed over rather than passed as an input
 * because customGrad requires a gradient for every input. The caller owns `indices` and must keep
 * it alive until the gradients have been computed.
 */
export function gatherRows(tf: TF, x: Tensor, indices: Tensor): Tensor {
  const op = tf.customGrad((input) => {
    const source = input as Tensor
    return {
      value: tf.gather(source, indices),
      gradFunc: (dy: Tensor) => tf.scatterND(tf.expandDims(indices, -1), dy, source.shape),
    }
  })
  return op(x)
}
