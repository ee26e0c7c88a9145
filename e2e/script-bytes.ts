import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import type { Page } from '@playwright/test'

export interface ScriptBytes { paths: string[]; gzip: number; brotli: number }

/**
 * Watches the page's JavaScript from navigation on. In the page, `window.__firstPaint` records, at
 * the first `localshelf:render` with items, which scripts had been fetched by then (Resource
 * Timing: a script still downloading is not listed); `measure` sizes those from the bodies the
 * server actually sent (gzip level 9 and brotli 11, as scripts/size.mjs compresses), leaving out
 * the test page's own script.
 */
export async function watchFirstPaintScripts(page: Page): Promise<{ firstPaint: () => Promise<{ at: number; scripts: string[] }>; measure: (paths: string[]) => Promise<ScriptBytes> }> {
  const bodies = new Map<string, Promise<Buffer>>()
  page.on('response', (response) => {
    const path = new URL(response.url()).pathname
    if (/\.m?js$/.test(path)) bodies.set(path, response.body())
  })
  await page.addInitScript(() => {
    const w = window as unknown as { __firstPaint?: { at: number; scripts: string[] } }
    document.addEventListener('localshelf:render', (event) => {
      if (w.__firstPaint || !(event as CustomEvent).detail.items.length) return
      const scripts = performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname).filter((path) => /\.m?js$/.test(path))
      w.__firstPaint = { at: Date.now(), scripts }
    })
  })
  return {
    firstPaint: async () => (await (await page.waitForFunction(() => (window as unknown as { __firstPaint?: { at: number; scripts: string[] } }).__firstPaint)).jsonValue())!,
    async measure(scripts) {
      const paths = scripts.filter((path) => path !== '/harness.js')
      const texts = await Promise.all(paths.map((path) => bodies.get(path) ?? Promise.reject(new Error(`no response seen for ${path}`))))
      const sum = (size: (body: Buffer) => number) => texts.reduce((total, body) => total + size(body), 0)
      return {
        paths,
        gzip: sum((body) => gzipSync(body, { level: 9 }).length),
        brotli: sum((body) => brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length),
      }
    },
  }
}

/**
 * Holds the engine's chunk back until `release()` is called, or, given `delayMs`, serves each
 * request that long after it arrives. `served()` is when it was served (Infinity until then).
 */
export async function holdEngine(page: Page, delayMs?: number): Promise<{ release: () => void; served: () => number }> {
  let release!: () => void
  let servedAt = Infinity
  const held = new Promise<void>((resolve) => (release = resolve))
  await page.route('**/localshelf-engine.js', async (route) => {
    await (delayMs === undefined ? held : new Promise((done) => setTimeout(done, delayMs)))
    const response = await route.fetch()
    servedAt = Date.now()
    await route.fulfill({ response })
  })
  return { release, served: () => servedAt }
}

export const kb = (bytes: number) => (bytes / 1024).toFixed(2) + ' KB'
