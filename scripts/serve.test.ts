import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createServer as createHttpServer, request, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtempSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

// serve.mjs is plain JavaScript run by node without a build, so it has no declarations; the
// shape the tests rely on is spelled out here and the module is imported through a computed
// specifier, which TypeScript types as `any` instead of rejecting.
interface RunningServer {
  port: number
  url: string
  close(): Promise<void>
}
interface ServeModule {
  createServer(options: { roots?: string[]; port?: number; host?: string }): Promise<RunningServer>
  CSP: string
}
const serveUrl = new URL('./serve.mjs', import.meta.url).href

interface Reply {
  status: number
  headers: Record<string, string | string[] | undefined>
  body: string
}

/**
 * A raw HTTP request: unlike fetch, node:http sends the path byte for byte, without resolving
 * `..` segments first, which is what an attacker's client does.
 */
function get(port: number, path: string, init: { method?: string; headers?: Record<string, string> } = {}) {
  return new Promise<Reply>((done, fail) => {
    const req = request({ host: '127.0.0.1', port, path, method: init.method ?? 'GET', headers: init.headers, agent: false }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => (body += chunk))
      res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body }))
    })
    req.on('error', fail)
    req.end()
  })
}

// The fixture mirrors the repository: a secret next to the two roots, as package.json is next to
// dist/ and public/ (here site/), so a traversal that escaped a root would find it.
const SECRET = '{"name": "secret-package-json"}'
let dir: string
let serve: ServeModule
let running: RunningServer

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'localshelf-serve-'))
  const dist = join(dir, 'dist')
  const site = join(dir, 'site')
  mkdirSync(join(site, 'data'), { recursive: true })
  mkdirSync(join(site, 'nested'), { recursive: true })
  mkdirSync(dist)
  writeFileSync(join(dir, 'package.json'), SECRET)
  writeFileSync(join(dist, 'localshelf.js'), 'window.Localshelf = {}\n')
  writeFileSync(join(dist, 'tfjs-backend-wasm.wasm'), Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0, 0, 0]))
  writeFileSync(join(dist, 'shadow.txt'), 'from dist')
  writeFileSync(join(site, 'shadow.txt'), 'from site')
  writeFileSync(join(site, 'index.html'), '<!doctype html><title>Home</title>')
  writeFileSync(join(site, 'product.html'), '<!doctype html><title>Product</title>')
  writeFileSync(join(site, 'shop.mjs'), 'export {}\n')
  writeFileSync(join(site, 'data', 'catalog.json'), '[{"id":"1"}]')
  writeFileSync(join(site, 'nested', 'index.html'), '<!doctype html><title>Nested</title>')
  writeFileSync(join(site, '404.html'), '<!doctype html><title>Lost</title><h1>Custom not found</h1>')
  writeFileSync(join(site, '.env'), 'TOKEN=hidden')
  symlinkSync(join(dir, 'package.json'), join(site, 'link.json'))
  serve = (await import(/* @vite-ignore */ serveUrl)) as ServeModule
  running = await serve.createServer({ roots: [dist, site], port: 0, host: '127.0.0.1' })
})

afterAll(async () => {
  await running?.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('serve.mjs', () => {
  it('listens on the asked host and reports the real port', () => {
    expect(running.port).toBeGreaterThan(0)
    expect(running.url).toBe(`http://127.0.0.1:${running.port}/`)
  })

  it('serves / as site/index.html with the CSP and no-cache', async () => {
    const res = await get(running.port, '/')
    expect(res.status).toBe(200)
    expect(res.body).toContain('<title>Home</title>')
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(res.headers['content-security-policy']).toBe(serve.CSP)
    expect(res.headers['content-security-policy']).toContain("script-src 'self' 'wasm-unsafe-eval'")
    expect(res.headers['cache-control']).toBe('no-cache')
  })

  it('serves a page with a query string', async () => {
    const res = await get(running.port, '/product.html?id=85123A')
    expect(res.status).toBe(200)
    expect(res.body).toContain('<title>Product</title>')
  })

  it('serves the widget from dist/ and site files after it, dist first', async () => {
    const widget = await get(running.port, '/localshelf.js')
    expect(widget.status).toBe(200)
    expect(widget.body).toBe('window.Localshelf = {}\n')
    expect(widget.headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect(widget.headers['content-security-policy']).toBeUndefined()
    expect((await get(running.port, '/shadow.txt')).body).toBe('from dist')
    const data = await get(running.port, '/data/catalog.json')
    expect(data.body).toBe('[{"id":"1"}]')
    expect(data.headers['content-type']).toBe('application/json; charset=utf-8')
  })

  it('uses the MIME types browsers insist on', async () => {
    const wasm = await get(running.port, '/tfjs-backend-wasm.wasm')
    expect(wasm.status).toBe(200)
    expect(wasm.headers['content-type']).toBe('application/wasm')
    expect(wasm.headers['content-length']).toBe('8')
    expect((await get(running.port, '/shop.mjs')).headers['content-type']).toBe('text/javascript; charset=utf-8')
  })

  it.each([
    '/../package.json',
    '/%2e%2e/package.json',
    '/%2E%2E/package.json',
    '/.%2e/package.json',
    '/%2e%2e%2fpackage.json',
    '/..%2fpackage.json',
    '/..%2Fpackage.json',
    '/..\\package.json',
    '/..%5cpackage.json',
    '/data/../../package.json',
    '/data/%2e%2e/%2e%2e/package.json',
    '/%00/../package.json',
  ])('rejects the traversal %s', async (path) => {
    const res = await get(running.port, path)
    expect(res.status).toBe(400)
    expect(res.body).not.toContain('secret-package-json')
  })

  it('treats a double-encoded dot-dot as a plain (missing) name, not a traversal', async () => {
    const res = await get(running.port, '/%252e%252e/package.json')
    expect(res.status).toBe(404)
    expect(res.body).not.toContain('secret-package-json')
  })

  it('does not follow a symlink out of a root', async () => {
    const res = await get(running.port, '/link.json')
    expect(res.status).toBe(404)
    expect(res.body).not.toContain('secret-package-json')
  })

  it('refuses dot files and malformed escapes', async () => {
    expect((await get(running.port, '/.env')).status).toBe(400)
    expect((await get(running.port, '/%E0%A4%A')).status).toBe(400)
  })

  it('answers 404 with the custom page and the CSP', async () => {
    const res = await get(running.port, '/no-such-page.html')
    expect(res.status).toBe(404)
    expect(res.body).toContain('Custom not found')
    expect(res.headers['content-security-policy']).toBe(serve.CSP)
  })

  it('redirects a directory to its slash form, then serves its index', async () => {
    const redirect = await get(running.port, '/nested?x=1')
    expect(redirect.status).toBe(301)
    expect(redirect.headers.location).toBe('/nested/?x=1')
    expect((await get(running.port, '/nested/')).body).toContain('<title>Nested</title>')
  })

  it('revalidates with the ETag (304) and answers HEAD without a body', async () => {
    const first = await get(running.port, '/localshelf.js')
    const etag = String(first.headers.etag)
    expect(etag).toMatch(/^W\/"/)
    const again = await get(running.port, '/localshelf.js', { headers: { 'If-None-Match': etag } })
    expect(again.status).toBe(304)
    expect(again.body).toBe('')
    const head = await get(running.port, '/localshelf.js', { method: 'HEAD' })
    expect(head.status).toBe(200)
    expect(head.headers['content-length']).toBe(String('window.Localshelf = {}\n'.length))
    expect(head.body).toBe('')
  })

  it('refuses other methods', async () => {
    const res = await get(running.port, '/', { method: 'POST' })
    expect(res.status).toBe(405)
    expect(res.headers.allow).toBe('GET, HEAD')
  })

  it('falls back to a built-in 404 page when no root has one', async () => {
    const bare = mkdtempSync(join(tmpdir(), 'localshelf-serve-bare-'))
    const other = await serve.createServer({ roots: [bare, join(bare, 'missing-dist')], port: 0 })
    try {
      const res = await get(other.port, '/nothing')
      expect(res.status).toBe(404)
      expect(res.body).toContain('Not found')
      expect(res.headers['content-security-policy']).toBe(serve.CSP)
    } finally {
      await other.close()
      rmSync(bare, { recursive: true, force: true })
    }
  })
})

describe('staticFiles (the handler vite preview mounts for dist/)', () => {
  it('serves a root file, refuses an unsafe path, and passes a miss on to the next middleware', async () => {
    const staticFiles = (await import(/* @vite-ignore */ serveUrl)).staticFiles as (roots: string[]) => (req: IncomingMessage, res: ServerResponse, next: () => void) => void
    const middleware = staticFiles([join(dir, 'dist')])
    const server = createHttpServer((req, res) => middleware(req, res, () => { res.statusCode = 418; res.end('next') }))
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done))
    const { port } = server.address() as AddressInfo
    try {
      const widget = await get(port, '/localshelf.js')
      expect(widget.status).toBe(200)
      expect(widget.headers['content-type']).toBe('text/javascript; charset=utf-8')
      expect((await get(port, '/%2e%2e/package.json')).status).toBe(400)
      const miss = await get(port, '/index.html')
      expect(miss.status).toBe(418)
      expect(miss.body).toBe('next')
    } finally {
      await new Promise((done) => server.close(done))
    }
  })
})
