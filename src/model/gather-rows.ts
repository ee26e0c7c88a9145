import type { Tensor } from '@tensorflow/tfjs-core'
import type { TF } from './tf-types'

/**
 * `tf.gather(x, indices)` along axis 0 (computed as a gatherND) with a gradient every backend can run.
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
      // gatherND, not gather: the same rows, but the wasm backend copies each row as one slice
      // where its GatherV2 works element by element (0.4 ms against 9.9 ms for 6,400 rows of 32).
      value: tf.gatherND(source, tf.expandDims(indices, -1)),
      gradFunc: (dy: Tensor) => tf.scatterND(tf.expandDims(indices, -1), dy, source.shape),
    }
  })
  return op(x)
}
