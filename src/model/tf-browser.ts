// Every tfjs import of the browser build lives in this one file, so the kernel and gradient set can
// later be trimmed to what a training step uses in one place. Node code (CLI, tests) must not
// import it: it loads tfjs-core through the CommonJS @tensorflow/tfjs instead.
import * as tf from '@tensorflow/tfjs-core'
import '@tensorflow/tfjs-core/dist/register_all_gradients'
import '@tensorflow/tfjs-backend-cpu'
import '@tensorflow/tfjs-backend-webgl'
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm'
import { selectBackend, type BackendChoice, type BackendName } from './backend'
import { probeRenderer } from './renderer'
import type { TF } from './tf-types'

export { tf }
export type { BackendChoice, BackendName }

/**
 * Sets the tfjs backend for training: 'auto' picks WebGL2 on a real GPU, wasm (SIMD build) on a
 * software renderer or without WebGL2, cpu last; forced preferences fall back the same way.
 * `wasmPath` is the folder URL holding tfjs-backend-wasm-simd.wasm (or that file's URL).
 */
export function chooseBackend(tfjs: TF, pref: 'auto' | BackendName, wasmPath: string): Promise<BackendChoice> {
  return selectBackend(tfjs, pref, wasmPath, { setWasmPaths, probe: probeRenderer })
}
