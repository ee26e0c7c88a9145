#!/usr/bin/env node
// Dependency-free static server for the demo shop: the built widget (dist/) first, then the demo
// shop (public/), so a shop page can load `/localshelf.js` exactly as a real shop would. `npm start`,
// the end-to-end tests, the bench and the GPU check serve with it. Vite serves the demo too (`vite`,
// `vite preview`; see vite.config.ts) but cannot stand in for it:
//   - `vite preview` serves one directory (build.outDir), and the demo needs dist/ beside public/
//     (the tests e2e/pages/ as well): vite.config.ts mounts this file's handler for dist/;
//   - Vite's 404 is an empty body, without the shop's 404 page and its CSP;
//   - `vite` (dev) rewrites the pages and the demo's modules and injects its client and WebSocket,
//     which the end-to-end tests would see (they count requests and console messages).
//
//   node scripts/serve.mjs            PORT=8080 HOST=0.0.0.0 node scripts/serve.mjs
import { createServer as createHttpServer } from 'node:http'
import { createReadStream } from 'node:fs'
import { stat, realpath } from 'node:fs/promises'
import { dirname, extname, join, resolve, sep } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..')

/** The roots the CLI serves, in lookup order. */
export const DEFAULT_ROOTS = [join(repoRoot, 'dist'), join(repoRoot, 'public')]

/**
 * Sent on every HTML response. It is the policy a careful shop would set, so the demo proves the
 * widget needs nothing looser: 'wasm-unsafe-eval' for the tfjs wasm backend, blob: workers for
 * the training worker, data: images for generated thumbnails.
 */
export const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; " +
  "worker-src 'self' blob:; connect-src 'self'; object-src 'none'; base-uri 'none'"

/** Content types by extension; anything else is served as application/octet-stream. */
export const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  // WebAssembly.instantiateStreaming refuses any other type.
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.csv': 'text/csv; charset=utf-8',
  // Plain text so the footer's ATTRIBUTION.md link displays in the browser instead of downloading.
  '.md': 'text/plain; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.bin': 'application/octet-stream',
}

const FALLBACK_404 =
  '<!doctype html><html lang="en"><meta charset="utf-8"><title>Not found</title>' +
  '<h1>Not found</h1><p>Nothing is served at this address. <a href="/">Back to the shop</a>.</p></html>\n'

/**
 * Options of {@link createServer}.
 * @typedef {object} ServeOptions
 * @property {string[]} [roots] Directories searched in order for each path; the first hit wins. Default: dist/, public/.
 * @property {number} [port] TCP port; 0 picks a free one (tests). Default 5173, Vite's, so the URL is familiar.
 * @property {string} [host] Interface to bind. Default 127.0.0.1: the demo is not meant to be reachable from the network.
 */

/**
 * A listening server.
 * @typedef {object} RunningServer
 * @property {import('node:http').Server} server
 * @property {number} port The bound port (the real one when 0 was asked for).
 * @property {string} url Base URL with a trailing slash, e.g. http://127.0.0.1:5173/.
 * @property {() => Promise<void>} close Stops listening and ends idle keep-alive connections.
 */

/**
 * Starts the static server and resolves once it listens.
 * @param {ServeOptions} [options]
 * @returns {Promise<RunningServer>}
 */
export async function createServer({ roots = DEFAULT_ROOTS, port = 5173, host = '127.0.0.1' } = {}) {
  const realRoots = await Promise.all(roots.map(resolveRoot))
  const server = createHttpServer((req, res) => {
    handle(realRoots, req, res).catch((err) => {
      console.error(`serve: ${req.method} ${req.url} failed:`, err)
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'Internal server error; see the server log.\n')
      else res.destroy()
    })
  })
  await new Promise((done, fail) => {
    server.once('error', fail)
    server.listen(port, host, () => {
      server.off('error', fail)
      done(undefined)
    })
  })
  const address = /** @type {import('node:net').AddressInfo} */ (server.address())
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address
  return {
    server,
    port: address.port,
    url: `http://${urlHost}:${address.port}/`,
    close: () =>
      new Promise((done, fail) => {
        server.close((err) => (err ? fail(err) : done(undefined)))
        server.closeIdleConnections()
      }),
  }
}

/**
 * The file handler alone, as a Connect middleware (Vite's preview server mounts it for dist/):
 * a path found in no root goes to `next`; a bad path or method is answered as createServer does.
 * @param {string[]} roots
 */
export function staticFiles(roots) {
  const realRoots = Promise.all(roots.map(resolveRoot))
  return (req, res, next) => {
    realRoots.then((resolved) => handle(resolved, req, res, next)).catch(next)
  }
}

// A root that does not exist yet (dist/ before the first build) is kept: it simply never matches.
async function resolveRoot(root) {
  try {
    return await realpath(resolve(root))
  } catch {
    return resolve(root)
  }
}

async function handle(roots, req, res, next) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.setHeader('Allow', 'GET, HEAD')
    return send(res, 405, 'text/plain; charset=utf-8', 'Only GET and HEAD are supported.\n')
  }
  const rawUrl = req.url ?? '/'
  const queryAt = rawUrl.search(/[?#]/)
  const rawPath = queryAt === -1 ? rawUrl : rawUrl.slice(0, queryAt)
  const query = queryAt === -1 ? '' : rawUrl.slice(queryAt)
  const path = decodePath(rawPath)
  if (path === null) return send(res, 400, 'text/plain; charset=utf-8', 'Bad request: malformed or unsafe path.\n')

  const hit = await lookup(roots, path)
  if (hit?.redirect) {
    // Leading slashes collapsed: a Location of `//host/` would send the browser to another site.
    const target = `/${rawPath.replace(/^\/+/, '')}/`
    res.setHeader('Location', target + query)
    return send(res, 301, 'text/plain; charset=utf-8', `Moved to ${target}\n`)
  }
  if (!hit) return next ? next() : notFound(roots, req, res)
  return sendFile(req, res, hit.file, hit.stats, 200)
}

/**
 * Percent-decodes a request path and refuses anything that could leave a root: `..` segments in
 * any spelling (`%2e%2e`, `..%2f`, backslashes), NUL bytes and relative paths. Dot files are
 * refused too (nothing in the roots should be hidden, but an editor's .swp or a .git must not leak).
 * Returns the decoded path, or null when the request must be rejected.
 */
export function decodePath(rawPath) {
  if (!rawPath.startsWith('/')) return null
  let path
  try {
    path = decodeURIComponent(rawPath)
  } catch {
    return null
  }
  if (path.includes('\0')) return null
  const segments = path.split(/[/\\]/)
  if (segments.some((s) => s === '..' || (s.startsWith('.') && s !== '.' && s !== ''))) return null
  return path.replace(/\\/g, '/')
}

async function lookup(roots, path) {
  for (const root of roots) {
    const candidate = resolve(root, `.${path}`)
    if (!(await inside(root, candidate))) continue
    const stats = await stat(candidate).catch(() => null)
    if (stats?.isFile()) return { file: candidate, stats }
    if (stats?.isDirectory()) {
      // Relative links in an index page need the trailing slash, as every static server does.
      if (!path.endsWith('/')) return { redirect: true }
      const index = join(candidate, 'index.html')
      const indexStats = await stat(index).catch(() => null)
      if (indexStats?.isFile() && (await inside(root, index))) return { file: index, stats: indexStats }
    }
  }
  return null
}

// Checked after symlinks are resolved, so a link inside a root cannot point outside it.
async function inside(root, file) {
  const real = await realpath(file).catch(() => file)
  return real === root || real.startsWith(root + sep)
}

async function notFound(roots, req, res) {
  for (const root of roots) {
    const page = join(root, '404.html')
    const stats = await stat(page).catch(() => null)
    if (stats?.isFile()) return sendFile(req, res, page, stats, 404)
  }
  res.setHeader('Content-Security-Policy', CSP)
  return send(res, 404, MIME_TYPES['.html'], req.method === 'HEAD' ? '' : FALLBACK_404)
}

function sendFile(req, res, file, stats, status) {
  const type = MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream'
  // no-cache = always revalidate: the widget is rebuilt while the demo runs, and the ETag keeps
  // revalidation cheap (304, no body).
  const etag = `W/"${stats.size.toString(16)}-${Math.floor(stats.mtimeMs).toString(16)}"`
  res.setHeader('Cache-Control', 'no-cache')
  res.setHeader('X-Content-Type-Options', 'nosniff')
  if (type.startsWith('text/html')) res.setHeader('Content-Security-Policy', CSP)
  if (status === 200) {
    res.setHeader('ETag', etag)
    if (req.headers['if-none-match'] === etag) {
      res.statusCode = 304
      return void res.end()
    }
  }
  res.statusCode = status
  res.setHeader('Content-Type', type)
  res.setHeader('Content-Length', stats.size)
  if (req.method === 'HEAD') return void res.end()
  return new Promise((done, fail) => {
    const stream = createReadStream(file)
    stream.on('error', fail)
    stream.on('end', done)
    stream.pipe(res)
  })
}

function send(res, status, type, body) {
  res.statusCode = status
  res.setHeader('Cache-Control', 'no-cache')
  res.setHeader('X-Content-Type-Options', 'nosniff')
  res.setHeader('Content-Type', type)
  res.setHeader('Content-Length', Buffer.byteLength(body))
  res.end(body)
}

export async function main() {
  const port = process.env.PORT ? Number(process.env.PORT) : 5173
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT="${process.env.PORT}" is not a port number; use an integer from 0 to 65535.`)
  }
  const host = process.env.HOST || '127.0.0.1'
  const widget = await stat(join(DEFAULT_ROOTS[0], 'localshelf.js')).catch(() => null)
  if (!widget) {
    console.warn('dist/localshelf.js is missing: run `npm run build` first. The shop pages work without it, but show no recommendations.')
  }
  let running
  try {
    running = await createServer({ port, host })
  } catch (err) {
    if (err?.code === 'EADDRINUSE') throw new Error(`Port ${port} on ${host} is already in use; stop the other server or set PORT to another port.`)
    throw err
  }
  const shown = host === '0.0.0.0' || host === '::' ? running.url.replace(/\/\/[^/]+:/, '//localhost:') : running.url
  console.log(`Localshelf demo shop: ${shown}`)
  const stop = () => running.close().then(() => process.exit(0))
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((err) => {
    console.error(`serve: ${err instanceof Error ? err.message : err}`)
    process.exit(1)
  })
}
