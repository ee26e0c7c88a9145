// tfjs for Node. The packages' CommonJS builds are loaded (tfjs-core's ESM files use
// extensionless imports Node rejects), and only through `require`, so the wasm backend and the
// gradients register on one shared copy of tfjs-core.
import { createRequire } from 'node:module'
import type { TF } from '../src/model/tf-types'

const require = createRequire(import.meta.url)

export type NodeBackend = 'wasm' | 'cpu'

export async function loadTf(backend: NodeBackend = 'wasm'): Promise<TF> {
  // @tensorflow/tfjs registers every gradient and the cpu backend.
  const tf = require('@tensorflow/tfjs') as TF
  if (backend === 'wasm') {
    require('@tensorflow/tfjs-backend-wasm')
    // Threads would need a worker per core; single-threaded SIMD is what the browser runs.
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false)
  }
  if (!(await tf.setBackend(backend))) throw new Error(`tfjs backend ${backend} failed to start; try --backend cpu`)
  await tf.ready()
  return tf
}
