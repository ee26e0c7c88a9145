/**
 * The tfjs-core functions model code may call. Model code takes them as a parameter instead of
 * importing tfjs because the browser worker uses the ESM tfjs-core while the Node CLI uses the
 * CommonJS `@tensorflow/tfjs` build, and loading both copies in one process breaks the wasm
 * backend. Either whole namespace satisfies this type; the browser worker passes only these
 * functions (see tf-browser.ts), so that its bundle keeps no other op: a function added here must
 * be added there, with its kernels.
 */
export type TF = Pick<
  typeof import('@tensorflow/tfjs-core'),
  | 'add' | 'backend' | 'customGrad' | 'dispose' | 'env' | 'expandDims' | 'gatherND' | 'getBackend' | 'logSoftmax' | 'matMul' | 'memory'
  | 'mul' | 'ready' | 'scalar' | 'scatterND' | 'setBackend' | 'square' | 'sum' | 'tensor1d' | 'tensor2d' | 'tensor3d'
  | 'tidy' | 'valueAndGrads'
>

/**
 * The extra tfjs-core functions the sequence encoder's training runs (src/model/encoder-tf.ts).
 * Kept apart from TF so that the browser worker's trimmed kernel set stays as it is until the
 * encoder's training ships there; Node passes the whole namespace, which satisfies both.
 */
export type TFSeq = TF & Pick<
  typeof import('@tensorflow/tfjs-core'),
  'sub' | 'reshape' | 'transpose' | 'softmax' | 'relu' | 'mean' | 'rsqrt' | 'max' | 'exp' | 'log' | 'div' | 'tensor'
>
