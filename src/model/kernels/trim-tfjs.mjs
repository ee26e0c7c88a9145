// Vite plugin for the training worker's build: cuts what tfjs's own modules drag into the bundle
// whatever kernels tf-browser.ts registers. Plain .mjs, not TypeScript, so that Node scripts can
// load it as well as vite.config.ts (types: trim-tfjs.d.mts). Sizes are what each cut saved on tfjs 4.22.
//
//   core      '@tensorflow/tfjs-core' (imported by every backend module) -> dist/base.js: the
//             package's index.js also runs registerOptimizers(), keeping all nine optimizers
//             (~4 KB gzip). tf-browser.ts imports base_side_effects, the rest of what index.js does.
//   io        tfjs-core's io/*.js are side-effect free here: they only register tf.io model
//             save/load routes, and the worker never loads or saves a tfjs model.
//   platform  platform_browser.js registers the localStorage and IndexedDB model stores of tf.io;
//             those two blocks are removed (with `io`, ~3 KB gzip). The platform itself stays.
//   shared    webgl's kernel_utils/shared.js destructures the cpu backend's whole `shared`
//             namespace, keeping every cpu kernel implementation (ragged, string n-grams, long.js;
//             ~8 KB gzip). Rewritten into named re-exports, only the ones webgl calls stay.
//   backend_util  webgl's shader_compiler.js destructures tfjs-core's backend_util namespace, which
//             keeps all of it (conv, slice, einsum, sparse utilities; ~8 KB gzip). Rewritten into
//             member reads, which tree-shake.
//   threaded  the threaded wasm build (Emscripten glue and pthread worker source, ~13 KB gzip) is
//             replaced by a stub that throws: backend.ts turns WASM_HAS_MULTITHREAD_SUPPORT off, so
//             tfjs always takes the single-thread factory, which also runs the SIMD binary.
// A rewrite whose target is gone (a tfjs upgrade) fails the build, rather than putting the bytes
// back unnoticed.

const THREADED_STUB = '\0localshelf:tfjs-wasm-threaded-stub'
const THREADED_STUB_CODE = [
  'const factory = () => {',
  '  throw new Error("The threaded tfjs wasm build is not bundled: set WASM_HAS_MULTITHREAD_SUPPORT to false before tf.setBackend(\'wasm\').")',
  '}',
  'export default factory',
  'export const wasmWorkerContents = ""',
].join('\n')

/** Source rewrites of tfjs modules; `apply` returns the new code, or undefined when its target is gone. */
const REWRITES = [
  {
    name: 'platform',
    file: /@tensorflow\/tfjs-core\/dist\/platforms\/platform_browser\.js$/,
    apply(code) {
      const pattern = /try\s*\{\s*ModelStoreManagerRegistry\.registerManager\([^;]*;\s*\}\s*catch\s*\(\w+\)\s*\{\s*\}/g
      const out = code.replace(pattern, '')
      return out === code || out.includes('ModelStoreManagerRegistry.registerManager') ? undefined : out
    },
  },
  {
    name: 'shared',
    file: /@tensorflow\/tfjs-backend-webgl\/dist\/kernel_utils\/shared\.js$/,
    apply(code) {
      const match = /const\s*\{([^}]*)\}\s*=\s*shared;/.exec(code)
      if (!match) return undefined
      const names = match[1].split(',').map((pair) => pair.trim()).filter(Boolean).map((pair) => pair.replace(/\s*:\s*/, ' as '))
      return `export { ${names.join(', ')} } from '@tensorflow/tfjs-backend-cpu/dist/shared';\n`
    },
  },
  {
    name: 'backend_util',
    file: /@tensorflow\/tfjs-backend-webgl\/dist\/shader_compiler\.js$/,
    apply(code) {
      const pattern = /const\s*\{([\w\s,]+)\}\s*=\s*backend_util;/
      if (!pattern.test(code)) return undefined
      return code.replace(pattern, (_, list) => {
        const names = list.split(',').map((name) => name.trim()).filter(Boolean)
        return `const ${names.map((name) => `${name} = backend_util.${name}`).join(', ')};`
      })
    },
  },
]
const CORE_IO = /@tensorflow\/tfjs-core\/dist\/io\/[^/]+\.js$/
const WASM_BACKEND = /@tensorflow\/tfjs-backend-wasm\/dist\/backend_wasm\.js$/
const THREADED = /^\.\.\/wasm-out\/tfjs-backend-wasm-threaded-simd(\.worker)?\.js$/

/** Every cut by name, so that the build can check that each one still finds its target. */
export const TRIM_RULES = ['core', 'io', 'threaded', ...REWRITES.map((r) => r.name)]

/**
 * The transform step for one module: its new code and side-effect flag, or null to leave it as is.
 * `matched` receives the name of the rule applied. Throws when a module that a rewrite targets no
 * longer has what the rewrite expects.
 */
export function trimModule(code, id, matched = () => {}) {
  const path = id.replace(/\\/g, '/')
  if (CORE_IO.test(path)) {
    matched('io')
    return { code, map: null, moduleSideEffects: false }
  }
  const rewrite = REWRITES.find((r) => r.file.test(path))
  if (!rewrite) return null
  const out = rewrite.apply(code)
  if (out === undefined) {
    throw new Error(`trimTfjs: the '${rewrite.name}' rewrite no longer matches ${id}; tfjs changed, so update src/model/kernels/trim-tfjs.mjs.`)
  }
  matched(rewrite.name)
  return { code: out, map: null }
}

/** The plugin. Add it to the training worker's build only: the cuts assume tf-browser.ts is the entry to tfjs. */
export function trimTfjs() {
  const seen = new Set()
  const matched = (name) => seen.add(name)
  return {
    name: 'localshelf-trim-tfjs',
    enforce: 'pre',
    buildStart() {
      seen.clear()
    },
    resolveId(source, importer, options) {
      if (source === '@tensorflow/tfjs-core') {
        matched('core')
        return this.resolve('@tensorflow/tfjs-core/dist/base.js', importer, { ...options, skipSelf: true })
      }
      if (importer && THREADED.test(source) && WASM_BACKEND.test(importer.replace(/\\/g, '/'))) {
        matched('threaded')
        return THREADED_STUB
      }
      return null
    },
    load(id) {
      return id === THREADED_STUB ? THREADED_STUB_CODE : null
    },
    transform(code, id) {
      return trimModule(code, id, matched)
    },
    buildEnd(error) {
      if (error) return
      const missed = TRIM_RULES.filter((name) => !seen.has(name))
      if (missed.length) this.error(`trimTfjs: ${missed.join(', ')} matched no module; tfjs's layout changed, so update src/model/kernels/trim-tfjs.mjs.`)
    },
  }
}
