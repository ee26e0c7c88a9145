import { expect, test } from '@playwright/test'
import { fileURLToPath } from 'node:url'
import { createServer, preview } from 'vite'
import { CSP } from '../scripts/serve.mjs'
import { ready, waitForRender, watch } from './helpers'

// The demo shop on Vite's own servers (`vite`, `vite preview`), as vite.config.ts sets them up:
// public/ and the built widget (dist/) on one origin, the demo's CSP on the pages, no violation.
const configFile = fileURLToPath(new URL('../vite.config.ts', import.meta.url))

interface Running { url: string; close(): Promise<void> }

const servers: Record<string, () => Promise<Running>> = {
  'vite (dev)': async () => {
    const server = await createServer({ configFile, logLevel: 'silent', server: { host: '127.0.0.1', port: 0 } })
    await server.listen()
    return { url: server.resolvedUrls!.local[0], close: () => server.close() }
  },
  'vite preview': async () => {
    const server = await preview({ configFile, logLevel: 'silent', preview: { host: '127.0.0.1', port: 0 } })
    return { url: server.resolvedUrls!.local[0], close: () => server.close() }
  },
}

for (const [name, start] of Object.entries(servers)) {
  test(`the demo shop renders its shelves on ${name} under the demo's CSP`, async ({ page }) => {
    const running = await start()
    try {
      const home = await page.request.get(running.url)
      expect(home.status()).toBe(200)
      expect(home.headers()['content-security-policy']).toBe(CSP)
      const widget = await page.request.get(new URL('localshelf.js', running.url).href)
      expect(widget.status()).toBe(200)
      expect(widget.headers()['content-type']).toContain('javascript')
      const wasm = await page.request.get(new URL('tfjs-backend-wasm-simd.wasm', running.url).href)
      expect(wasm.headers()['content-type']).toBe('application/wasm')

      const { errors, foreign } = await watch(page)
      await page.goto(running.url)
      await ready(page)
      const shelf = await waitForRender(page, 'for-you')
      expect(shelf.items.length).toBeGreaterThan(0)
      expect(await page.evaluate(() => window.__cspViolations)).toEqual([])
      expect(errors).toEqual([])
      expect(foreign).toEqual([])
    } finally {
      await running.close()
    }
  })
}
