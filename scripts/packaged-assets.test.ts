import { describe, expect, it } from 'vitest'
import { keepPackagedAssetUrls } from './packaged-assets.mjs'

describe('keepPackagedAssetUrls', () => {
  const render = (code: string) => (keepPackagedAssetUrls().renderChunk(code) as { code: string } | null)?.code ?? null

  it('joins the split worker and wasm names into the literals bundlers recognise', () => {
    const code = `new Worker(new URL("./localshelf-worker" + ".js", import.meta.url), { type: "module" });\nnew URL('./tfjs-backend-wasm-simd' + '.wasm', import.meta.url).href`
    expect(render(code)).toBe(`new Worker(new URL("./localshelf-worker.js", import.meta.url), { type: "module" });\nnew URL("./tfjs-backend-wasm-simd.wasm", import.meta.url).href`)
  })

  it('leaves other code alone', () => {
    expect(render('const a = "./other" + ".js"')).toBeNull()
  })
})
