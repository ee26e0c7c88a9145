import { describe, expect, it } from 'vitest'
import { selectBackend, type BackendDeps } from './backend'
import { isSoftwareRenderer, type RendererProbe } from './renderer'
import type { TF } from './tf-types'

/** A tfjs stand-in whose backends succeed or fail as told, recording calls in order. */
function fakeTf(works: Record<string, boolean>, log: string[], simd = true): TF {
  let current = 'none'
  const fake = {
    env: () => ({
      getAsync: async (flag: string) => (flag === 'WASM_HAS_SIMD_SUPPORT' ? simd : undefined),
      set: (flag: string, value: unknown) => log.push(`set ${flag}=${value}`),
    }),
    setBackend: async (name: string) => {
      log.push(`setBackend ${name}`)
      if (name === 'wasm' && works.wasmThrows) throw new Error('Make sure the server can serve the `.wasm` file')
      if (works[name]) current = name
      return works[name] ?? false
    },
    ready: async () => undefined,
    getBackend: () => current,
  }
  return fake as unknown as TF
}

function deps(probe: RendererProbe, log: string[]): BackendDeps {
  return { probe: () => probe, setWasmPaths: (paths) => log.push(`paths ${JSON.stringify(paths)}`) }
}

const GPU: RendererProbe = { webgl2: true, renderer: 'ANGLE (NVIDIA, NVIDIA GeForce RTX 3060 Direct3D11 vs_5_0 ps_5_0, D3D11)' }
const SWIFTSHADER: RendererProbe = { webgl2: true, renderer: 'ANGLE (Google, Vulkan 1.3.0 (SwiftShader Device (Subzero) (0x0000C0DE)), SwiftShader driver)' }
const ALL = { webgl: true, wasm: true, cpu: true }

describe('isSoftwareRenderer', () => {
  it('knows the software rasterisers and leaves real GPUs alone', () => {
    for (const r of [SWIFTSHADER.renderer!, 'Google SwiftShader', 'llvmpipe (LLVM 15.0.7, 256 bits)', 'ANGLE (Microsoft, Microsoft Basic Render Driver Direct3D11 vs_5_0 ps_5_0, D3D11)', 'Mesa softpipe']) {
      expect(isSoftwareRenderer(r), r).toBe(true)
    }
    for (const r of [GPU.renderer!, 'Apple M1', 'Apple GPU', 'Mali-G78', 'Adreno (TM) 650', 'ANGLE (Intel, Mesa Intel(R) UHD Graphics 620 (KBL GT2), OpenGL 4.6)']) {
      expect(isSoftwareRenderer(r), r).toBe(false)
    }
  })
})

describe('selectBackend', () => {
  it('auto: takes webgl on a real GPU and reports the renderer', async () => {
    const log: string[] = []
    const choice = await selectBackend(fakeTf(ALL, log), 'auto', '/tfjs/', deps(GPU, log))
    expect(choice).toEqual({ name: 'webgl', reason: `webgl renderer is ${GPU.renderer} (GPU)`, renderer: GPU.renderer })
    expect(log).toEqual(['setBackend webgl'])
  })

  it('auto: takes the wasm SIMD build, single-threaded, on SwiftShader', async () => {
    const log: string[] = []
    const choice = await selectBackend(fakeTf(ALL, log), 'auto', '/tfjs', deps(SWIFTSHADER, log))
    expect(choice.name).toBe('wasm')
    expect(choice.reason).toMatch(/SwiftShader.*\(software\)$/)
    const simd = '/tfjs/tfjs-backend-wasm-simd.wasm'
    expect(log).toEqual([
      'set WASM_HAS_MULTITHREAD_SUPPORT=false',
      `paths ${JSON.stringify({ 'tfjs-backend-wasm.wasm': simd, 'tfjs-backend-wasm-simd.wasm': simd, 'tfjs-backend-wasm-threaded-simd.wasm': simd })}`,
      'setBackend wasm',
    ])
  })

  it('accepts the URL of the wasm binary itself', async () => {
    const log: string[] = []
    await selectBackend(fakeTf(ALL, log), 'wasm', 'https://cdn.example/x/simd.wasm', deps(GPU, log))
    expect(log[1]).toContain('"tfjs-backend-wasm.wasm":"https://cdn.example/x/simd.wasm"')
  })

  it('auto: falls back from a failing webgl to wasm, then to cpu, saying why', async () => {
    const log: string[] = []
    const choice = await selectBackend(fakeTf({ webgl: false, cpu: true, wasmThrows: true }, log), 'auto', '/', deps(GPU, log))
    expect(choice.name).toBe('cpu')
    expect(choice.reason).toMatch(/\(GPU\); webgl failed: it did not initialise; wasm failed: Make sure the server/)
    expect(log.filter((l) => l.startsWith('setBackend'))).toEqual(['setBackend webgl', 'setBackend wasm', 'setBackend cpu'])
  })

  it('auto: without WebGL2 goes to wasm; without wasm SIMD to cpu', async () => {
    const noGl: RendererProbe = { webgl2: false, error: 'WebGL2 is unavailable' }
    expect(await selectBackend(fakeTf(ALL, []), 'auto', '/', deps(noGl, []))).toEqual({ name: 'wasm', reason: 'no WebGL2 (WebGL2 is unavailable)' })
    const choice = await selectBackend(fakeTf(ALL, [], false), 'auto', '/', deps(noGl, []))
    expect(choice.name).toBe('cpu')
    expect(choice.reason).toContain('WebAssembly SIMD is unsupported')
  })

  it('forced preferences are tried first, even webgl on a software renderer, and still fall back', async () => {
    expect((await selectBackend(fakeTf(ALL, []), 'webgl', '/', deps(SWIFTSHADER, []))).name).toBe('webgl')
    expect((await selectBackend(fakeTf(ALL, []), 'cpu', '/', deps(GPU, []))).name).toBe('cpu')
    const log: string[] = []
    const choice = await selectBackend(fakeTf({ cpu: true }, log), 'wasm', '/', deps(GPU, log))
    expect(choice).toEqual({ name: 'cpu', reason: 'wasm forced by preference; wasm failed: it did not initialise' })
  })

  it('throws a clear error when no backend starts', async () => {
    await expect(selectBackend(fakeTf({}, []), 'auto', '/', deps(GPU, []))).rejects.toThrow(/No tfjs backend could start.*cpu failed/)
  })
})
