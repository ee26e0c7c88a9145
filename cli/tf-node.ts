// tfjs for Node: the very kernel set the browser's training worker registers (src/model/tf-browser.ts),
// which `npm run build` bundles into dist/cli.mjs. The package therefore installs no tfjs at all:
// the command line trains with what it ships, and the wasm binary is the one beside the worker.
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { fileURLToPath } from 'node:url'
import { chooseBackend, tf } from '../src/model/tf-browser'
import type { TF } from '../src/model/tf-types'

export type NodeBackend = 'wasm' | 'cpu'

const SIMD_BINARY = 'tfjs-backend-wasm-simd.wasm'

/** dist/tfjs-backend-wasm-simd.wasm beside the built CLI; from the sources, the package's own copy. */
function wasmBinary(): string {
  // A variable, not a literal: bundlers must not turn this into an emitted asset.
  const built = fileURLToPath(new URL('./' + SIMD_BINARY, import.meta.url))
  if (existsSync(built)) return built
  return createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/dist/' + SIMD_BINARY)
}

export async function loadTf(backend: NodeBackend = 'wasm'): Promise<TF> {
  // Threads would need a worker per core; single-threaded SIMD is what the browser runs.
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false)
  const choice = await chooseBackend(tf, backend, backend === 'wasm' ? wasmBinary() : '')
  if (choice.name !== backend) throw new Error(`tfjs backend ${backend} failed to start (${choice.reason}); try --backend cpu`)
  return tf
}
