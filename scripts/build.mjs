// Builds every artefact a user loads, into dist/:
//   localshelf.js         the script-tag bundle (IIFE): widget, preact, idb, ranking, UI — first paint
//   localshelf-worker.js  the ML chunk (ES module worker): tfjs, backends, trainer — loaded lazily
//   tfjs-backend-wasm-simd.wasm  the one tfjs wasm binary the worker loads (SIMD, single-thread)
//   esm/                  the npm entries (preact, idb and tfjs stay external)
//   types/                declarations for the npm entries
import { execFileSync } from 'node:child_process'
import { copyFileSync, mkdirSync, rmSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'vite'
import { trimTfjs } from '../src/model/kernels/trim-tfjs.mjs'

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

// trimTfjs cuts what tfjs's own modules pull in beyond the kernels tf-browser.ts registers (see
// src/model/kernels/trim-tfjs.mjs): without it the worker is ~119 KB gzip instead of ~78.
await build({
  ...quiet,
  define,
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

const external = (id) => /^(preact|idb|@tensorflow)(\/|$)/.test(id)
await build({
  ...quiet,
  build: {
    outDir: join(dist, 'esm'), emptyOutDir: false, target: 'es2020', minify: false, reportCompressedSize: false,
    lib: {
      entry: { index: join(root, 'src/index.ts'), element: join(root, 'src/element.ts'), preact: join(root, 'src/preact.ts'), panels: join(root, 'src/panels/index.ts') },
      formats: ['es'],
    },
    rolldownOptions: { external },
  },
})

// The command-line tools, for Node: tfjs stays external and is loaded from its CommonJS builds.
await build({
  ...quiet,
  build: {
    outDir: dist, emptyOutDir: false, target: 'node20', minify: false, reportCompressedSize: false,
    lib: { entry: join(root, 'cli/main.ts'), formats: ['es'], fileName: () => 'cli.mjs' },
    rolldownOptions: { external: (id) => external(id) || id.startsWith('node:') },
  },
})

mkdirSync(join(dist, 'types'), { recursive: true })
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' })
console.log('built dist/')
