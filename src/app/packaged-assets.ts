// The npm entry's default for where the worker and the wasm binary are: beside the entry's own
// file in the package (dist/), named through `new URL('./…', import.meta.url)`, the pattern Vite,
// webpack 5, Rollup and esbuild bundle by themselves. So an app copies no file by hand, and an
// upgrade brings its own worker. The script-tag build does not use this: it loads them beside itself.
import type { Prefetched } from '../first-paint/prefetch'
import type { LocalshelfOptions } from './options'

/**
 * The engine's options plus how to start the worker when no `workerUrl` is given, and the requests
 * the script tag already started (src/first-paint/prefetch.ts).
 */
export type EngineOptions = LocalshelfOptions & { startWorker?: () => Worker; prefetched?: Prefetched }

export function withPackagedAssets(options: LocalshelfOptions): EngineOptions {
  if (options.workerUrl) return options
  return {
    ...options,
    // The split strings keep this build's own worker and asset plugins off files that exist only in
    // dist/; scripts/packaged-assets.mjs joins them again, so the published file has plain literals.
    startWorker: () => new Worker(new URL('./localshelf-worker' + '.js', import.meta.url), { type: 'module', name: 'localshelf-trainer' }),
    wasmPath: options.wasmPath ?? new URL('./tfjs-backend-wasm-simd' + '.wasm', import.meta.url).href,
  }
}
