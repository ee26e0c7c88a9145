// The worker build's tfjs cuts, run on the installed tfjs sources: each must still find its target
// and keep everything the rest of tfjs imports from the module it rewrites.
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { TRIM_RULES, trimModule, trimTfjs } from './trim-tfjs.mjs'

const require = createRequire(import.meta.url)
const file = (spec: string) => require.resolve(spec)
const source = (path: string) => readFileSync(path, 'utf8')

/** The names a module exports with `export { a, b as c }` lists (what importers may ask for). */
function exportedNames(code: string): string[] {
  const names: string[] = []
  for (const [, list] of code.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const item of list.split(',').map((s) => s.trim()).filter(Boolean)) names.push(item.split(/\s+as\s+/).pop()!)
  }
  return names.sort()
}

interface Hooks {
  resolveId(this: unknown, source: string, importer: string | undefined, options: object): unknown
  load(id: string): string | null
  buildStart(): void
  buildEnd(this: { error(message: string): never }, error?: Error): void
}

describe('trimModule', () => {
  it("rewrites webgl's cpu imports into named re-exports of exactly the same names", () => {
    const path = file('@tensorflow/tfjs-backend-webgl/dist/kernel_utils/shared.js')
    const original = source(path)
    const out = trimModule(original, path)
    expect(out?.code).toMatch(/^export \{[^}]+\} from '@tensorflow\/tfjs-backend-cpu\/dist\/shared';\n$/)
    expect(out?.code).not.toMatch(/\bshared;/)
    expect(exportedNames(out!.code)).toEqual(exportedNames(original))
    expect(exportedNames(out!.code)).toContain('simpleAbsImplCPU')
  })

  it("reads backend_util members one by one in webgl's shader compiler", () => {
    const path = file('@tensorflow/tfjs-backend-webgl/dist/shader_compiler.js')
    const out = trimModule(source(path), path)
    expect(out?.code).toContain('const getBroadcastDims = backend_util.getBroadcastDims;')
    expect(out?.code).not.toMatch(/\}\s*=\s*backend_util;/)
  })

  it('keeps the browser platform but not its tf.io model stores', () => {
    const path = file('@tensorflow/tfjs-core/dist/platforms/platform_browser.js')
    const out = trimModule(source(path), path)
    expect(out?.code).toContain("setPlatform('browser', new PlatformBrowser())")
    expect(out?.code).not.toContain('registerManager')
  })

  it('marks tf.io modules side-effect free and leaves other modules alone', () => {
    const io = file('@tensorflow/tfjs-core/dist/io/indexed_db.js')
    expect(trimModule(source(io), io)).toMatchObject({ moduleSideEffects: false })
    const add = file('@tensorflow/tfjs-core/dist/ops/add.js')
    expect(trimModule(source(add), add)).toBeNull()
  })

  it('fails loudly when a target no longer has what its rewrite expects', () => {
    const path = file('@tensorflow/tfjs-backend-webgl/dist/kernel_utils/shared.js')
    expect(() => trimModule("export * from '@tensorflow/tfjs-backend-cpu/dist/shared';", path)).toThrow(/'shared' rewrite no longer matches/)
  })
})

describe('trimTfjs', () => {
  it('replaces the threaded wasm build with a stub that says what to do', async () => {
    const plugin = trimTfjs() as unknown as Hooks
    const importer = file('@tensorflow/tfjs-backend-wasm/dist/backend_wasm.js')
    const stub = plugin.resolveId.call({}, '../wasm-out/tfjs-backend-wasm-threaded-simd.js', importer, {})
    expect(typeof stub).toBe('string')
    expect(plugin.resolveId.call({}, '../wasm-out/tfjs-backend-wasm.js', importer, {})).toBeNull()
    const code = plugin.load(stub as string)!
    const mod = await import(`data:text/javascript,${encodeURIComponent(code)}`)
    expect(mod.wasmWorkerContents).toBe('')
    expect(() => mod.default({})).toThrow(/WASM_HAS_MULTITHREAD_SUPPORT to false/)
  })

  it('fails the build when a cut matched nothing', () => {
    const plugin = trimTfjs() as unknown as Hooks
    plugin.buildStart()
    const ctx = { error: (message: string): never => { throw new Error(message) } }
    expect(() => plugin.buildEnd.call(ctx)).toThrow(new RegExp(TRIM_RULES.join(', ')))
  })
})
