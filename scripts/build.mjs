// Builds every artefact a user loads, into dist/:
//   localshelf.js         the script-tag bundle (IIFE): the element, the shelf view and preact — first paint
//   localshelf-engine.js  the script tag's engine (ES module, imported by localshelf.js): catalog,
//                         ranking, idb, the worker client; a returning shopper's shelves paint before it
//   localshelf-worker.js  the ML chunk (ES module worker): tfjs, backends, trainer — loaded lazily
//   tfjs-backend-wasm-simd.wasm  the one tfjs wasm binary the worker loads (SIMD, single-thread)
//   index.js element.js preact.js react.js (+ shared chunks)
//                         the npm entries, ES modules beside the worker and the wasm binary, so that
//                         `new URL('./localshelf-worker.js', import.meta.url)` finds them wherever a
//                         bundler puts the package (preact, react and idb stay external)
//   types/                declarations for the npm entries (relative imports with .js: node16/nodenext)
//   cli.mjs               the `localshelf` command, tfjs bundled in (the package installs no tfjs)
import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'vite'
import { trimTfjs } from '../src/model/kernels/trim-tfjs.mjs'
import { addJsExtensions } from './dts-extensions.mjs'
import { PACKAGED_WASM, PACKAGED_WORKER, keepPackagedAssetUrls } from './packaged-assets.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const dist = join(root, 'dist')
const require = createRequire(import.meta.url)
const quiet = { logLevel: 'warn', configFile: false, root }
const define = { 'process.env.NODE_ENV': '"production"' }

rmSync(dist, { recursive: true, force: true })

// es2022, not es2020: the shelf already needs constructable stylesheets (Safari 16.4+, Firefox
// 101+, Chrome 73+ with es2020's Chrome 80), and every such browser has native class fields, so
// none of them is lowered to defineProperty helper calls (about 330 B gzip).
await build({
  ...quiet,
  define,
  build: {
    outDir: dist, emptyOutDir: false, target: 'es2022', minify: true, reportCompressedSize: false,
    lib: { entry: join(root, 'src/script-tag.ts'), formats: ['iife'], name: 'LocalshelfBundle', fileName: () => 'localshelf.js' },
  },
})

await build({
  ...quiet,
  define,
  build: {
    outDir: dist, emptyOutDir: false, target: 'es2022', minify: true, reportCompressedSize: false,
    lib: { entry: join(root, 'src/script-engine.ts'), formats: ['es'], fileName: () => 'localshelf-engine.js' },
  },
})

// trimTfjs cuts what tfjs's own modules pull in beyond the kernels tf-browser.ts registers (see
// src/model/kernels/trim-tfjs.mjs): without it the worker is ~119 KB gzip instead of ~78.
await build({
  ...quiet,
  // __filename: emscripten's `typeof __filename < "u" && (dir = dir || __filename)`. webpack 5, when
  // it re-bundles the worker for an app, answers the typeof for it yet leaves the name itself, which
  // throws in the browser; the worker never runs in Node, so the name is simply undefined.
  define: { ...define, __filename: 'undefined' },
  plugins: [trimTfjs()],
  build: {
    outDir: dist, emptyOutDir: false, target: 'es2020', minify: true, reportCompressedSize: false,
    lib: { entry: join(root, 'src/worker/train-worker.ts'), formats: ['es'], fileName: () => 'localshelf-worker.js' },
  },
})

// The lazy chunk (privacy and stats panels, statistics, query matching): an ES module the script
// tag imports on first use.
await build({
  ...quiet,
  define,
  build: {
    outDir: dist, emptyOutDir: false, target: 'es2022', minify: true, reportCompressedSize: false,
    lib: { entry: join(root, 'src/extras.ts'), formats: ['es'], fileName: () => 'localshelf-panels.js' },
  },
})

const wasmDir = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm'))
// Only the SIMD build: backend.ts points every binary name at it, so the others are never fetched.
copyFileSync(join(wasmDir, 'tfjs-backend-wasm-simd.wasm'), join(dist, 'tfjs-backend-wasm-simd.wasm'))

const external = (id) => /^(preact|react|react-dom|idb|@tensorflow)(\/|$)/.test(id)
await build({
  ...quiet,
  // The asset URLs of src/app/packaged-assets.ts point at files that only exist in dist/: Vite
  // warns that it leaves them as they are, which is the point (the app's bundler resolves them).
  logLevel: 'error',
  plugins: [keepPackagedAssetUrls()],
  // Unminified (the app's bundler minifies; a reader can follow it); es2022 as the script build, so
  // class fields are not lowered to defineProperty helpers.
  build: {
    outDir: dist, emptyOutDir: false, target: 'es2022', minify: false, reportCompressedSize: false,
    lib: {
      entry: {
        index: join(root, 'src/index.ts'), element: join(root, 'src/element.ts'), preact: join(root, 'src/preact.ts'), react: join(root, 'src/react.ts'),
        panels: join(root, 'src/panels/index.ts'),
      },
      formats: ['es'],
    },
    rolldownOptions: { external },
  },
})
for (const [literal, pattern] of [[PACKAGED_WORKER, /new Worker\(new URL\("\.\/localshelf-worker\.js", import\.meta\.url\)/], [PACKAGED_WASM, /new URL\("\.\/tfjs-backend-wasm-simd\.wasm", import\.meta\.url\)/]]) {
  if (!pattern.test(readAllEsm())) throw new Error(`the npm build lost the literal ${literal}: bundlers would no longer find the file`)
}

// The command-line tools, for Node. tfjs is bundled whole (cli/tf-node.ts: every op, gradient and
// cpu/wasm kernel; size matters less than in the browser, and pretraining runs more ops than the
// worker's fine-tune), untrimmed; emscripten's Node path of the wasm backend reads the binary with require('fs') and
// __dirname, which an ES module lacks, hence the banner.
const banner = [
  "import { createRequire as __createRequire } from 'node:module'",
  "import { fileURLToPath as __fileURLToPath } from 'node:url'",
  'const require = __createRequire(import.meta.url)',
  "const __dirname = __fileURLToPath(new URL('.', import.meta.url))",
].join('\n')
await build({
  ...quiet,
  define,
  // An SSR build: Node's builtins stay builtins (a client build swaps them for browser stubs), and
  // noExternal bundles every package, so dist/cli.mjs imports nothing but node:*.
  ssr: { noExternal: true, target: 'node' },
  build: {
    outDir: dist, emptyOutDir: false, target: 'node20', minify: false, reportCompressedSize: false, ssr: join(root, 'cli/main.ts'),
    rolldownOptions: { output: { format: 'es', entryFileNames: 'cli.mjs', banner } },
  },
})

mkdirSync(join(dist, 'types'), { recursive: true })
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' })
addJsExtensions(join(dist, 'types'))
// The script-tag file's declaration: it exports nothing, and only types window.Localshelf.
writeFileSync(join(dist, 'types/script.d.ts'), "import './script-tag.js'\nexport {}\n")

function readAllEsm() {
  return readdirSync(dist).filter((f) => f.endsWith('.js') && f !== 'localshelf.js' && f !== 'localshelf-worker.js').map((f) => readFileSync(join(dist, f), 'utf8')).join('\n')
}
console.log('built dist/')
