// tfjs for Node: the whole of tfjs-core (every op and every gradient) with the cpu and wasm
// backends' full kernel sets, which `npm run build` bundles into dist/cli.mjs: the package installs
// no tfjs, the command line trains with what it ships, and the wasm binary is the one beside the
// worker. Not the worker's trimmed set (src/model/tf-browser.ts): that covers the browser's
// fine-tune step, while pretraining the sequence encoder also runs softmax, layer norm, reshape,
// transpose and their gradients (TFSeq in src/model/tf-types.ts).
//
// base_side_effects must come first: it creates the engine and flag registry the backends use as
// they are evaluated (the build points their '@tensorflow/tfjs-core' imports at dist/base.js).
import '@tensorflow/tfjs-core/dist/base_side_effects'
import * as core from '@tensorflow/tfjs-core/dist/base'
import '@tensorflow/tfjs-core/dist/register_all_gradients'
import '@tensorflow/tfjs-backend-cpu/dist/base'
import '@tensorflow/tfjs-backend-cpu/dist/register_all_kernels'
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm/dist/base'
import '@tensorflow/tfjs-backend-wasm/dist/register_all_kernels'
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { selectBackend } from '../src/model/backend'
import type { TFSeq } from '../src/model/tf-types'

export type NodeBackend = 'wasm' | 'cpu'

const SIMD_BINARY = 'tfjs-backend-wasm-simd.wasm'
const tf = core as unknown as TFSeq

/** dist/tfjs-backend-wasm-simd.wasm beside the built CLI; from the sources, the package's own copy. */
function wasmBinary(): string {
  // A variable, not a literal: bundlers must not turn this into an emitted asset.
  const built = fileURLToPath(new URL('./' + SIMD_BINARY, import.meta.url))
  if (existsSync(built)) return built
  return createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/dist/' + SIMD_BINARY)
}

export async function loadTf(backend: NodeBackend = 'wasm'): Promise<TFSeq> {
  // Threads would need a worker per core; single-threaded SIMD is what the browser runs.
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false)
  const choice = await selectBackend(tf, backend, backend === 'wasm' ? wasmBinary() : '', {
    setWasmPaths,
    probe: () => ({ webgl2: false, error: 'Node has no WebGL' }),
  })
  if (choice.name !== backend) throw new Error(`tfjs backend ${backend} failed to start (${choice.reason}); try --backend cpu`)
  return tf
}
