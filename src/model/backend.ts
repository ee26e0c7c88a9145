import { isSoftwareRenderer, type RendererProbe } from './renderer'
import type { TF } from './tf-types'

export type BackendName = 'webgl' | 'wasm' | 'cpu'

export interface BackendChoice {
  name: BackendName
  /** Why this backend, in words, e.g. "webgl renderer is SwiftShader (software)"; shown in diagnostics. */
  reason: string
  /** The WebGL renderer string, when it was probed. */
  renderer?: string
}

/** What selection needs beyond tfjs-core, injected so that the logic runs in Node tests. */
export interface BackendDeps {
  /** `setWasmPaths` of @tensorflow/tfjs-backend-wasm. */
  setWasmPaths(paths: Record<string, string>): void
  /** Reads the WebGL renderer (see probeRenderer). */
  probe(): RendererProbe
}

const SIMD_BINARY = 'tfjs-backend-wasm-simd.wasm'

/**
 * Sets a tfjs backend by preference and says why. 'auto': WebGL2 on a real GPU; wasm when the
 * renderer is software or WebGL2 is missing or fails; cpu last. A forced preference is tried first
 * and still falls back (webgl -> wasm -> cpu, wasm -> cpu) when it cannot start.
 *
 * `wasmPath` is the folder (URL prefix) holding `tfjs-backend-wasm-simd.wasm`, or the URL of that
 * file itself. Only the SIMD single-thread build is used: the threaded build breaks under Vite
 * bundling, and every browser with WebGL2-era features has wasm SIMD.
 */
export async function selectBackend(tf: TF, pref: 'auto' | BackendName, wasmPath: string, deps: BackendDeps): Promise<BackendChoice> {
  let order: BackendName[]
  let reason: string
  let renderer: string | undefined
  if (pref === 'auto' || pref === 'webgl') {
    const probe = deps.probe()
    renderer = probe.renderer
    const software = probe.webgl2 && isSoftwareRenderer(probe.renderer ?? '')
    if (pref === 'webgl') {
      order = ['webgl', 'wasm', 'cpu']
      reason = 'webgl forced by preference'
    } else if (!probe.webgl2) {
      order = ['wasm', 'cpu']
      reason = `no WebGL2 (${probe.error ?? 'unknown reason'})`
    } else if (software) {
      order = ['wasm', 'cpu']
      reason = `webgl renderer is ${probe.renderer} (software)`
    } else {
      order = ['webgl', 'wasm', 'cpu']
      reason = `webgl renderer is ${probe.renderer || 'not disclosed'} (GPU)`
    }
  } else {
    order = pref === 'wasm' ? ['wasm', 'cpu'] : ['cpu']
    reason = `${pref} forced by preference`
  }

  const failures: string[] = []
  for (const name of order) {
    const error = await start(tf, name, wasmPath, deps)
    if (error === undefined) {
      const why = failures.length ? `${reason}; ${failures.join('; ')}` : reason
      return renderer === undefined ? { name, reason: why } : { name, reason: why, renderer }
    }
    failures.push(`${name} failed: ${error}`)
  }
  throw new Error(`No tfjs backend could start (${reason}; ${failures.join('; ')}). Training is unavailable in this browser.`)
}

/** Starts one backend; resolves to undefined on success, else to what went wrong. */
async function start(tf: TF, name: BackendName, wasmPath: string, deps: BackendDeps): Promise<string | undefined> {
  try {
    if (name === 'wasm') {
      if ((await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === false) return 'WebAssembly SIMD is unsupported'
      tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false)
      const binary = wasmPath.endsWith('.wasm') ? wasmPath : wasmPath.replace(/\/?$/, '/') + SIMD_BINARY
      // Every binary name points at the SIMD build, so tfjs can never fetch one that is not shipped.
      deps.setWasmPaths({ 'tfjs-backend-wasm.wasm': binary, [SIMD_BINARY]: binary, 'tfjs-backend-wasm-threaded-simd.wasm': binary })
    }
    if (!(await tf.setBackend(name))) return 'it did not initialise'
    await tf.ready()
    return tf.getBackend() === name ? undefined : `tfjs stayed on ${tf.getBackend()}`
  } catch (error) {
    return error instanceof Error ? error.message : String(error)
  }
}
