// The project's builds and the demo shop's servers.
//
//   vite build     every artefact a user loads, into dist/: one Vite environment per artefact, built in
//                  order by `builder.buildApp` (the artefacts differ in format, target, minification
//                  and plugins, which one Rolldown build cannot mix):
//     script   localshelf.js         the script-tag bundle (IIFE): the element, the shelf view and
//                                    preact — first paint
//     engine   localshelf-engine.js  the script tag's engine (ES module, imported by localshelf.js):
//                                    catalog, ranking, idb, the worker client; a returning shopper's
//                                    shelves paint before it
//     worker   localshelf-worker.js  the ML chunk (ES module worker): tfjs, backends, trainer — lazy
//     panels   localshelf-panels.js  the privacy and stats panels, statistics, query matching — lazy
//     npm      index.js element.js preact.js react.js panels.js (+ shared chunks): the npm entries,
//              beside the worker and the wasm binary, so that `new URL('./localshelf-worker.js',
//              import.meta.url)` finds them wherever a bundler puts the package
//     cli      cli.mjs               the `localshelf` command, tfjs bundled in
//   then (scripts/build-steps.mjs) tfjs-backend-wasm-simd.wasm and types/ (node16-ready declarations).
//
//   vite           the demo shop (public/) on Vite's dev server, the built widget (dist/, `vite build`
//   vite preview   first) served beside it, both with the demo's CSP. `npm start`, the end-to-end
//                  tests and the bench use scripts/serve.mjs instead (it says why).
import { fileURLToPath } from 'node:url'
import { createLogger, defineConfig, type EnvironmentOptions, type Plugin, type UserConfig } from 'vite'
import { trimTfjs } from './src/model/kernels/trim-tfjs.mjs'
import { cleanDist, finishDist } from './scripts/build-steps.mjs'
import { keepPackagedAssetUrls } from './scripts/packaged-assets.mjs'
import { CSP, staticFiles } from './scripts/serve.mjs'

const root = fileURLToPath(new URL('.', import.meta.url))
const dist = `${root}dist`
const src = (file: string) => `${root}src/${file}`
const define = { 'process.env.NODE_ENV': '"production"' }

/** The artefacts, in build order (the npm check and the declarations run after the last). */
const ARTEFACTS = ['script', 'engine', 'worker', 'panels', 'npm', 'cli'] as const

/** A client (browser) environment building one library entry into dist/. */
function browserLib(build: NonNullable<EnvironmentOptions['build']>, extra: EnvironmentOptions = {}): EnvironmentOptions {
  return { consumer: 'client', define, ...extra, build: { outDir: dist, emptyOutDir: false, copyPublicDir: false, target: 'es2022', minify: true, reportCompressedSize: false, ...build } }
}

/** Applies a plugin to one environment only (plugins are shared by every environment otherwise). */
function only(name: (typeof ARTEFACTS)[number], plugin: Plugin): Plugin {
  return { ...plugin, applyToEnvironment: (environment) => environment.name === name }
}

// The command-line tools run in Node, where emscripten's wasm path reads the binary with
// require('fs') and __dirname, which an ES module lacks, hence the banner.
const cliBanner = [
  "import { createRequire as __createRequire } from 'node:module'",
  "import { fileURLToPath as __fileURLToPath } from 'node:url'",
  'const require = __createRequire(import.meta.url)',
  "const __dirname = __fileURLToPath(new URL('.', import.meta.url))",
].join('\n')

// The npm build leaves the packaged asset URLs (src/app/packaged-assets.ts) for the app's bundler to
// resolve, on purpose; Vite warns that they do not exist at build time. Only that warning is dropped.
const logger = createLogger('warn')
const warnOnce = logger.warnOnce
logger.warnOnce = (message, options) => {
  if (!(/doesn't exist at build time/.test(message) && /localshelf-worker|tfjs-backend-wasm-simd/.test(message))) warnOnce(message, options)
}

const build: UserConfig = {
  root,
  publicDir: false,
  logLevel: 'warn',
  customLogger: logger,
  plugins: [
    // trimTfjs cuts what tfjs's own modules pull in beyond the kernels tf-browser.ts registers
    // (see its file): without it the worker is ~119 KB gzip instead of ~78.
    only('worker', trimTfjs()),
    // The asset URLs of src/app/packaged-assets.ts point at files that only exist in dist/.
    only('npm', keepPackagedAssetUrls()),
  ],
  environments: {
    // es2022, not es2020: the shelf already needs constructable stylesheets (Safari 16.4+, Firefox
    // 101+, Chrome 73+ with es2020's Chrome 80), and every such browser has native class fields, so
    // none of them is lowered to defineProperty helper calls (about 330 B gzip).
    script: browserLib({ lib: { entry: src('script-tag.ts'), formats: ['iife'], name: 'LocalshelfBundle', fileName: () => 'localshelf.js' } }),
    engine: browserLib({ lib: { entry: src('script-engine.ts'), formats: ['es'], fileName: () => 'localshelf-engine.js' } }),
    // __filename: emscripten's `typeof __filename < "u" && (dir = dir || __filename)`. webpack 5, when
    // it re-bundles the worker for an app, answers the typeof for it yet leaves the name itself, which
    // throws in the browser; the worker never runs in Node, so the name is simply undefined.
    worker: browserLib(
      { target: 'es2020', lib: { entry: src('worker/train-worker.ts'), formats: ['es'], fileName: () => 'localshelf-worker.js' } },
      { define: { ...define, __filename: 'undefined' } },
    ),
    panels: browserLib({ lib: { entry: src('extras.ts'), formats: ['es'], fileName: () => 'localshelf-panels.js' } }),
    // Unminified (the app's bundler minifies; a reader can follow it); no NODE_ENV define: the app's
    // bundler sets it. preact, react and idb are the app's.
    npm: {
      consumer: 'client',
      build: {
        outDir: dist, emptyOutDir: false, copyPublicDir: false, target: 'es2022', minify: false, reportCompressedSize: false,
        lib: {
          entry: { index: src('index.ts'), element: src('element.ts'), preact: src('preact.ts'), react: src('react.ts'), panels: src('panels/index.ts') },
          formats: ['es'],
        },
        rolldownOptions: { external: (id) => /^(preact|react|react-dom|idb|@tensorflow)(\/|$)/.test(id) },
      },
    },
    // A server environment: Node's builtins stay builtins (a client build swaps them for browser
    // stubs), and noExternal bundles every package, so dist/cli.mjs imports nothing but node:*.
    // tfjs is bundled whole (cli/tf-node.ts), untrimmed: pretraining runs more ops than the worker.
    cli: {
      consumer: 'server',
      define,
      resolve: { noExternal: true },
      build: {
        outDir: dist, emptyOutDir: false, copyPublicDir: false, target: 'node20', minify: false, reportCompressedSize: false,
        ssr: `${root}cli/main.ts`,
        rolldownOptions: { output: { format: 'es', entryFileNames: 'cli.mjs', banner: cliBanner } },
      },
    },
  },
  builder: {
    async buildApp(builder) {
      cleanDist(dist)
      for (const name of ARTEFACTS) await builder.build(builder.environments[name])
      finishDist(root, dist)
      console.log('built dist/')
    },
  },
}

/**
 * The demo shop: its pages and files are public/, the built widget dist/. The dev server's root
 * is public/ and its public directory dist/ (served as is, never transformed). `vite preview`
 * serves one directory, build.outDir: public/ there, the widget from serve.mjs's file handler
 * mounted before it.
 */
const demoHeaders = { 'Content-Security-Policy': CSP, 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' }
const demo = (isPreview: boolean): UserConfig => ({
  ...(isPreview ? { root, build: { outDir: 'public' } } : { root: `${root}public`, publicDir: dist }),
  appType: 'mpa',
  server: { headers: demoHeaders },
  preview: { headers: demoHeaders },
  plugins: [
    {
      name: 'localshelf-preview-widget',
      configurePreviewServer(server) {
        server.middlewares.use(staticFiles([dist]))
      },
    },
  ],
})

export default defineConfig(({ command, isPreview }) => (command === 'build' ? build : demo(isPreview === true)))
