// The npm build's one source rewrite. src/app/packaged-assets.ts spells the worker's URL so that this
// build's own worker plugin does not try to bundle a file that only exists in dist/; the rendered
// chunk gets the literal `new Worker(new URL('./localshelf-worker.js', import.meta.url), …)` that
// the app's bundler (Vite, webpack 5, Rollup, esbuild, Parcel) recognises and bundles by itself.
export const PACKAGED_WORKER = "new Worker(new URL('./localshelf-worker.js', import.meta.url))"
export const PACKAGED_WASM = "new URL('./tfjs-backend-wasm-simd.wasm', import.meta.url)"
const SPLIT = /(["'])\.\/(localshelf-worker|tfjs-backend-wasm-simd)\1\s*\+\s*(["'])(\.js|\.wasm)\3/g

export function keepPackagedAssetUrls() {
  return {
    name: 'localshelf-packaged-assets',
    renderChunk(code) {
      const out = code.replace(SPLIT, (_, _q, name, _q2, ext) => `"./${name}${ext}"`)
      return out === code ? null : { code: out, map: null }
    },
  }
}
