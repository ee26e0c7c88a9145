// The build's steps that are not Vite builds, run by vite.config.ts's buildApp around the
// environments: emptying dist/, the wasm binary, the packaged-asset check and the declarations.
// Plain .mjs (types: build-steps.d.mts) so that Node scripts could run them without a TypeScript step.
import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { addJsExtensions } from './dts-extensions.mjs'
import { PACKAGED_WASM, PACKAGED_WORKER } from './packaged-assets.mjs'

const require = createRequire(import.meta.url)

/** Empties dist/ once, before the first environment (each build keeps what the others wrote). */
export function cleanDist(dist) {
  rmSync(dist, { recursive: true, force: true })
}

/** Everything after the Vite builds: the wasm binary, the asset-URL check, the declarations. */
export function finishDist(root, dist) {
  const wasmDir = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm'))
  // Only the SIMD build: backend.ts points every binary name at it, so the others are never fetched.
  copyFileSync(join(wasmDir, 'tfjs-backend-wasm-simd.wasm'), join(dist, 'tfjs-backend-wasm-simd.wasm'))

  // The npm entries must keep the literal asset URLs an app's bundler recognises.
  const esm = readdirSync(dist)
    .filter((f) => f.endsWith('.js') && f !== 'localshelf.js' && f !== 'localshelf-worker.js')
    .map((f) => readFileSync(join(dist, f), 'utf8'))
    .join('\n')
  for (const [literal, pattern] of [
    [PACKAGED_WORKER, /new Worker\(new URL\("\.\/localshelf-worker\.js", import\.meta\.url\)/],
    [PACKAGED_WASM, /new URL\("\.\/tfjs-backend-wasm-simd\.wasm", import\.meta\.url\)/],
  ]) {
    if (!pattern.test(esm)) throw new Error(`the npm build lost the literal ${literal}: bundlers would no longer find the file`)
  }

  mkdirSync(join(dist, 'types'), { recursive: true })
  execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' })
  addJsExtensions(join(dist, 'types'))
  // The script-tag file's declaration: it exports nothing, and only types window.Localshelf.
  writeFileSync(join(dist, 'types/script.d.ts'), "import './script-tag.js'\nexport {}\n")
}
