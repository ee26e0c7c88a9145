#!/usr/bin/env node
// GPU check for issue 10 ("On a real GPU"): trains the built widget in headless Chromium on WebGL
// and on wasm, compares the step time, then loses the worker's WebGL context and reports what the
// widget does. Not a test: it prints figures (and writes them to $OUT/gpu-check.log).
//
//   node .gpu/check.mjs
//   env: GPU_CONFIG=angle-vulkan,angle-gl-egl   flag sets to try, first one whose renderer names
//                                               the GPU wins (see CONFIGS; 'swiftshader' for CPU)
//        ROUNDS=8  BACKENDS=webgl,wasm,auto  CHROMIUM_PATH=...  GPU_DIST=dir-with-built-widget
//        GPU_PATTERN=nvidia (renderer regexp that counts as "the GPU")
//        LOSS_MODE=read|idle  lose the worker's context at tfjs's next read-back in a round (default)
//                             or between rounds; SKIP_LOSS=1 skips it; LOSS_WAIT=30000 ms per round after it
//   Local dry run (no GPU, SwiftShader; runs from scripts/gpu/ too, /usr/bin/chromium when there is
//   no bundled one): GPU_CONFIG=swiftshader ROUNDS=3 OUT=/tmp/gpuout node scripts/gpu/check.mjs
import { appendFileSync, existsSync, writeFileSync, createReadStream } from 'node:fs'
import { readFile, stat, realpath } from 'node:fs/promises'
import { createServer } from 'node:http'
import { dirname, extname, join, resolve, sep } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { chromium } from 'playwright-core'

const here = dirname(fileURLToPath(import.meta.url))
// The kit runs from .gpu/ (device) or from scripts/gpu/ (a local dry run): the repo root is the
// first folder up that holds public/.
const repo = existsSync(join(here, '../public')) ? resolve(here, '..') : resolve(here, '../..')
const { CSP, MIME_TYPES, decodePath } = await import(pathToFileURL(join(repo, 'scripts/serve.mjs')).href)
const dist = process.env.GPU_DIST ?? (existsSync(join(repo, 'dist/localshelf-worker.js')) ? join(repo, 'dist') : join(here, 'dist'))
// The roots of e2e/server.mjs: built widget, demo shop (catalog), test pages.
const roots = await Promise.all([dist, join(repo, 'public'), join(repo, 'e2e/pages')].map((r) => realpath(r).catch(() => r)))
// CHROMIUM_PATH=/usr/bin/chromium for a local dry run without the bundle.
const chromePath = process.env.CHROMIUM_PATH ?? (existsSync(join(here, 'chromium/chromium')) ? join(here, 'chromium/chromium') : '/usr/bin/chromium')
const ROUNDS = Number(process.env.ROUNDS ?? 8)
const BACKENDS = (process.env.BACKENDS ?? 'webgl,wasm,auto').split(',').filter(Boolean)
const GPU_PATTERN = new RegExp(process.env.GPU_PATTERN ?? 'nvidia', 'i')
const ROUND_TIMEOUT = Number(process.env.ROUND_TIMEOUT ?? 60_000)
const logFile = join(process.env.OUT || here, 'gpu-check.log')
writeFileSync(logFile, '')
const t0 = Date.now()
// Whatever hangs, the process ends in time for the log to come back.
setTimeout(() => { log(`watchdog: ${process.env.WATCHDOG_S ?? 240} s passed, exiting`); process.exit(3) }, Number(process.env.WATCHDOG_S ?? 240) * 1000).unref()
function log(...parts) {
  const line = parts.map((p) => (typeof p === 'string' ? p : JSON.stringify(p))).join(' ')
  console.log(line)
  appendFileSync(logFile, line + '\n')
}

const COMMON = ['--no-sandbox', '--disable-dev-shm-usage', '--disable-background-networking', '--disable-component-update', '--disable-sync']
const CONFIGS = {
  'angle-vulkan': ['--use-angle=vulkan', '--enable-features=Vulkan,DefaultANGLEVulkan,VulkanFromANGLE', '--disable-vulkan-surface', '--ignore-gpu-blocklist', '--enable-gpu'],
  'angle-gl-egl': ['--use-gl=angle', '--use-angle=gl-egl', '--ignore-gpu-blocklist', '--enable-gpu'],
  'angle-vulkan-plain': ['--use-angle=vulkan', '--ignore-gpu-blocklist', '--enable-gpu'],
  'angle-vulkan-native': ['--use-angle=vulkan', '--use-vulkan=native', '--enable-features=Vulkan,VulkanFromANGLE,DefaultANGLEVulkan', '--ignore-gpu-blocklist', '--enable-gpu'],
  'gl-egl': ['--use-gl=egl', '--ignore-gpu-blocklist', '--enable-gpu'],
  swiftshader: ['--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
}

// --- the server: e2e/server.mjs's roots and headers; the worker gets the tests' prelude
// (e2e/gl-prelude.mjs), which records its WebGL contexts so that the check can read their renderer
// and lose them, between rounds or at the next read-back in a round. ------------------------------
const { GL_PRELUDE: PRELUDE } = await import(pathToFileURL(join(repo, 'e2e/gl-prelude.mjs')).href)
// The demo's product pictures, as e2e/server.mjs draws them (else every card is a 404 in the log).
try {
  const { writePictures } = await import(pathToFileURL(join(repo, 'scripts/product-pictures.mjs')).href)
  writePictures(join(repo, 'public/img/p'), JSON.parse(await readFile(join(repo, 'public/data/catalog.json'), 'utf8')))
} catch (e) {
  console.log(`product pictures not drawn (${e}); cards will 404`)
}

async function lookup(path) {
  for (const root of roots) {
    const file = resolve(root, `.${path.endsWith('/') ? path + 'index.html' : path}`)
    if (file !== root && !file.startsWith(root + sep)) continue
    const s = await stat(file).catch(() => null)
    if (s?.isFile()) return file
  }
  return null
}
const server = createServer(async (req, res) => {
  const rawPath = (req.url ?? '/').split(/[?#]/)[0]
  const path = decodePath(rawPath)
  const file = path && (await lookup(path))
  res.setHeader('Cache-Control', 'no-cache')
  if (!file) {
    res.statusCode = 404
    return res.end('not found')
  }
  const type = MIME_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream'
  res.setHeader('Content-Type', type)
  if (type.startsWith('text/html')) res.setHeader('Content-Security-Policy', CSP)
  if (path === '/localshelf-worker.js') return res.end(PRELUDE + (await readFile(file, 'utf8')))
  createReadStream(file).pipe(res)
})
await new Promise((done) => server.listen(0, '127.0.0.1', done))
const base = `http://127.0.0.1:${server.address().port}`

// --- the browser ---------------------------------------------------------------------------------
async function launch(name, browserLog) {
  return chromium.launch({
    executablePath: chromePath,
    headless: true,
    args: [...COMMON, ...CONFIGS[name]],
    // Playwright adds --enable-unsafe-swiftshader; without it, a software fallback shows as "no WebGL".
    ignoreDefaultArgs: name === 'swiftshader' ? [] : ['--enable-unsafe-swiftshader'],
    logger: { isEnabled: (n) => n === 'browser', log: (_n, _s, message) => browserLog.push(String(message)) },
    timeout: 60_000,
  })
}

async function probe(browser) {
  const page = await browser.newPage()
  await page.goto(`${base}/harness.html?learn=false`)
  const renderer = await page.evaluate(() => {
    try {
      const gl = new OffscreenCanvas(1, 1).getContext('webgl2')
      if (!gl) return 'no WebGL2'
      const i = gl.getExtension('WEBGL_debug_renderer_info')
      const r = String(gl.getParameter(i ? i.UNMASKED_RENDERER_WEBGL : gl.RENDERER))
      gl.getExtension('WEBGL_lose_context')?.loseContext()
      return r
    } catch (e) {
      return 'error: ' + e
    }
  })
  let info
  try {
    const cdp = await browser.newBrowserCDPSession()
    const { gpu } = await cdp.send('SystemInfo.getInfo')
    info = {
      devices: gpu.devices.map((d) => `${d.vendorString || d.vendorId} ${d.deviceString || d.deviceId} driver ${d.driverVendor} ${d.driverVersion}`),
      gl: ['gl_implementation_parts', 'gl_renderer', 'gl_version', 'vulkan_version', 'display_type'].map((k) => `${k}=${gpu.auxAttributes?.[k] ?? ''}`).join('; '),
      featureStatus: Object.entries(gpu.featureStatus ?? {}).filter(([k]) => /webgl|gpu_compositing|vulkan|webgpu|rasterization/.test(k)).map(([k, v]) => `${k}:${v}`).join(' '),
    }
  } catch (e) {
    info = { error: String(e) }
  }
  if (!GPU_PATTERN.test(renderer)) {
    // chrome://gpu says why: its feature status and the GPU process's log messages.
    try {
      await page.goto('chrome://gpu')
      await page.waitForTimeout(1000)
      const text = await page.evaluate(() => {
        const walk = (n) => {
          let s = ''
          if (n.shadowRoot) s += walk(n.shadowRoot)
          for (const c of n.childNodes) s += c.nodeType === 3 ? c.textContent : c.nodeType === 1 && c.tagName !== 'STYLE' ? (['DIV', 'TR', 'H3', 'LI', 'P'].includes(c.tagName) ? '\n' : ' ') + walk(c) : ''
          return s
        }
        return walk(document.body).replace(/\n\s*\n+/g, '\n')
      })
      const at = (h, n) => { const i = text.indexOf(h); return i < 0 ? '' : text.slice(i, i + n) }
      const logLines = at('Log Messages', 20000).split('\n').map((l) => l.replace(/^\[[^\]]*\]\s*:?\s*/, '').slice(0, 300))
      info.chromeGpu = at('Graphics Feature Status', 700) + '\n...\n' + logLines.filter((l, i) => logLines.indexOf(l) === i).slice(0, 25).join('\n')
    } catch (e) {
      info.chromeGpu = `chrome://gpu unreadable: ${e}`
    }
  }
  await page.close()
  return { renderer, info }
}

const median = (xs) => {
  const s = xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b)
  if (!s.length) return NaN
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2
}
const r1 = (x) => (Number.isFinite(x) ? Math.round(x * 10) / 10 : x)

const INIT = () => {
  window.__gpu = { msgs: [], renders: [] }
  const W = window.Worker
  window.Worker = class extends W {
    constructor(url, options) {
      super(url, options)
      window.__gpu.workerUrl = String(url)
      this.addEventListener('message', (e) => {
        const m = e.data || {}
        window.__gpu.msgs.push({ kind: m.kind, ms: m.ms, steps: m.steps, loss: m.loss, numTensors: m.numTensors, backend: m.backend, reason: m.reason, message: m.message, t: Math.round(performance.now()), wall: Date.now() })
      })
      this.addEventListener('error', (e) => window.__gpu.msgs.push({ kind: 'worker-error-event', message: e.message, t: Math.round(performance.now()) }))
    }
  }
  document.addEventListener('localshelf:render', (e) => window.__gpu.renders.push({ placement: e.detail.placement, source: e.detail.source, n: e.detail.items.length }))
}

/** One round as e2e/helpers.ts trainRounds does it: view three products, wait for a new training. */
async function round(page, ids, timeout = ROUND_TIMEOUT) {
  const before = await page.evaluate(() => window.Localshelf.state().trainRounds)
  const msgs = await page.evaluate(() => window.__gpu.msgs.length)
  // One view at a time, as a shopper browses (e2e/helpers.ts trainRounds): views in the same
  // millisecond are one basket, which has no next item to learn, so such a round trains 0 steps.
  await page.evaluate(async (list) => {
    for (const id of list) {
      window.Localshelf.track('view', id)
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
  }, ids)
  let done = true
  try {
    await page.waitForFunction((t) => { const s = window.Localshelf.state(); return s.trained && s.trainRounds > t }, before, { timeout, polling: 20 })
  } catch {
    done = false
  }
  const state = await page.evaluate(() => window.Localshelf.state())
  const fresh = await page.evaluate((n) => window.__gpu.msgs.slice(n), msgs)
  return { done, state, fresh }
}

async function runBackend(browser, backend, ids) {
  const context = await browser.newContext()
  await context.addInitScript(INIT)
  const page = await context.newPage()
  const errors = []
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`))
  page.on('console', (m) => { if (m.type() === 'error' || m.type() === 'warning') errors.push(`console.${m.type()}: ${m.text()}`) })
  const workers = []
  page.on('worker', (w) => { workers.push(w); w.on?.('console', (m) => errors.push(`worker console.${m.type()}: ${m.text()}`)) })
  const q = backend === 'auto' ? '' : `backend=${backend}&`
  await page.goto(`${base}/harness.html?${q}shelves=for-you&db=gpucheck-${backend}`)
  await page.waitForFunction(() => window.Localshelf !== undefined)
  await page.evaluate(() => window.Localshelf.ready)
  const rounds = backend === 'auto' ? 2 : ROUNDS
  // Three new products per round (wrapping after ids.length / 3 rounds), so every round has
  // next-item examples of its own.
  const pick = (k) => Array.from({ length: 3 }, (_, j) => ids[(k * 3 + j) % ids.length])
  const rows = []
  for (let i = 0; i < rounds; i++) {
    const r = await round(page, pick(i))
    const trained = r.fresh.filter((m) => m.kind === 'trained')
    const steps = trained.reduce((a, m) => a + (m.steps ?? 0), 0)
    rows.push({ round: i + 1, done: r.done, backend: r.state.backend, lastTrainMs: r1(r.state.lastTrainMs), steps, msPerStep: steps ? r1(r.state.lastTrainMs / trained[trained.length - 1].steps) : NaN, loss: trained.length ? Number(trained[trained.length - 1].loss).toPrecision(5) : '', workerTensors: r.state.workerTensors, error: r.state.error })
    log(`  [${backend}] round ${i + 1}: done=${r.done} backend=${r.state.backend} lastTrainMs=${r1(r.state.lastTrainMs)} steps=${steps} ms/step=${rows.at(-1).msPerStep} loss=${rows.at(-1).loss} workerTensors=${r.state.workerTensors}${r.state.error ? ' error=' + r.state.error : ''}`)
    if (!r.done) break
  }
  const state = await page.evaluate(() => window.Localshelf.state())
  const worker = workers.find((w) => w.url().includes('localshelf-worker'))
  const workerInfo = worker ? await worker.evaluate(() => self.__glPrelude?.info()).catch((e) => ({ error: String(e) })) : { error: 'no worker seen' }
  log(`  [${backend}] state: backend=${state.backend} reason="${state.backendReason}" trained=${state.trained} error=${state.error ?? 'none'}`)
  log(`  [${backend}] worker WebGL contexts:`, workerInfo)
  const result = { backend, state, rows, workerInfo, errors: errors.slice() }

  if (backend === 'webgl' && worker && process.env.SKIP_LOSS !== '1') {
    // LOSS_MODE=read (default): the context goes at tfjs's next fence in a round, the case that
    // hung; idle: between rounds. Either way the widget must move to another backend, from its last
    // good checkpoint, and train every later round there.
    const mode = process.env.LOSS_MODE ?? 'read'
    log(`  [webgl] --- context loss (${mode}) ---`)
    const msgsBefore = await page.evaluate(() => window.__gpu.msgs.length)
    const rendersBefore = await page.evaluate(() => window.__gpu.renders.length)
    const tensorsBefore = state.workerTensors
    const lost = await worker.evaluate((m) => (m === 'idle' ? self.__glPrelude.lose() : self.__glPrelude.loseInNextRead(1 + Math.floor(Math.random() * 24)))).catch((e) => `evaluate failed: ${e}`)
    log(`  [webgl] lose: ${lost}`)
    const after = []
    for (let i = 0; i < 3; i++) {
      const r = await round(page, pick(rounds + i), Number(process.env.LOSS_WAIT ?? 30_000))
      after.push({ phase: 'lost', done: r.done, state: r.state, msgs: r.fresh })
      log(`  [webgl] after loss, round ${i + 1}: trained-again=${r.done} backend=${r.state.backend} lastTrainMs=${r1(r.state.lastTrainMs)} workerTensors=${r.state.workerTensors} error=${r.state.error ?? 'none'} worker-messages=${JSON.stringify(r.fresh.map((m) => ({ kind: m.kind, steps: m.steps, ms: r1(m.ms), backend: m.backend, message: m.message })))}`)
      if (!r.done) break
    }
    const restored = await worker.evaluate(() => self.__glPrelude.restore()).catch((e) => `evaluate failed: ${e}`)
    await page.waitForTimeout(1000)
    log(`  [webgl] restore: ${restored}`)
    {
      const r = await round(page, pick(rounds + 3), 10_000)
      after.push({ phase: 'restored', done: r.done, state: r.state, msgs: r.fresh })
      log(`  [webgl] after restoreContext, round: trained-again=${r.done} backend=${r.state.backend} lastTrainMs=${r1(r.state.lastTrainMs)} error=${r.state.error ?? 'none'}`)
    }
    const info = await worker.evaluate(() => self.__glPrelude.info()).catch((e) => ({ error: String(e) }))
    const renders = await page.evaluate((n) => window.__gpu.renders.slice(n), rendersBefore)
    const msgs = await page.evaluate((n) => window.__gpu.msgs.slice(n), msgsBefore)
    const final = await page.evaluate(() => window.Localshelf.state())
    log(`  [webgl] after loss: worker contexts/events:`, info)
    log(`  [webgl] after loss: renders=${JSON.stringify(renders.map((r) => r.source))}`)
    log(`  [webgl] after loss: final state backend=${final.backend} reason="${final.backendReason}" trained=${final.trained} error=${final.error ?? 'none'}; worker messages since loss: ${msgs.map((m) => m.kind).join(',') || 'none'}`)
    // By the wall clock: the worker's and the page's performance.now() have different origins.
    const lostWall = info.events?.find((e) => e.ev === 'loseContext()')?.wall
    const switched = msgs.find((m) => m.kind === 'backend')
    const switchMs = lostWall && switched ? switched.wall - lostWall : NaN
    const trainedAfter = after.filter((a) => a.phase === 'lost' && a.done)
    const verdict = trainedAfter.length === 3 && switched && !/webgl/.test(final.backend)
      ? `recovered: moved to ${switched.backend} ${switchMs} ms after the loss; ${trainedAfter.length}/3 rounds trained after it ` +
        `(lastTrainMs ${trainedAfter.map((a) => r1(a.state.lastTrainMs)).join(', ')}); workerTensors ${tensorsBefore} before, ` +
        `${trainedAfter.map((a) => a.state.workerTensors).join(', ')} after; after restoreContext ${after.at(-1).done ? 'trained' : 'did not train'} on ${after.at(-1).state.backend}`
      : `no recovery: ${trainedAfter.length}/3 rounds trained after the loss`
    log(`  [webgl] context-loss verdict: ${verdict}; state() says backend=${final.backend}, reason="${final.backendReason}", error=${final.error ?? 'none'}`)
    result.loss = { mode, lost, restored, switchMs, tensorsBefore, after: after.map((a) => ({ phase: a.phase, done: a.done, backend: a.state.backend, lastTrainMs: a.state.lastTrainMs, workerTensors: a.state.workerTensors, error: a.state.error, msgs: a.msgs })), info, final, verdict }
  }
  result.errors = errors
  if (errors.length) log(`  [${backend}] console/page errors (${errors.length}):`, errors.slice(0, 12))
  await context.close()
  return result
}

// --- main ----------------------------------------------------------------------------------------
log(`gpu-check ${new Date().toISOString()} chromium=${chromePath} dist=${dist} rounds=${ROUNDS}`)
const ids = JSON.parse(await readFile(join(repo, 'public/data/catalog.json'), 'utf8')).filter((p) => /christmas/i.test(p.title)).map((p) => String(p.id))
const order = (process.env.GPU_CONFIG ?? 'angle-vulkan,angle-gl-egl,angle-vulkan-native,angle-vulkan-plain,gl-egl,swiftshader').split(',').filter(Boolean)
let chosen
for (const name of order) {
  const browserLog = []
  let browser
  try {
    browser = await launch(name, browserLog)
    const p = await probe(browser)
    const { chromeGpu, ...shortInfo } = p.info
    log(`config ${name}: version=${browser.version()} renderer="${p.renderer}"`, shortInfo)
    if (chromeGpu) log(`config ${name}: chrome://gpu:\n    ${chromeGpu.split('\n').filter((l) => l.trim()).join('\n    ')}`)
    if (GPU_PATTERN.test(p.renderer)) { chosen?.browser?.close(); chosen = { name, browser, renderer: p.renderer, info: p.info }; break }
    if (!chosen?.fallback && /^(?!no WebGL2|error)/.test(p.renderer)) {
      chosen?.browser?.close()
      chosen = { name, browser, renderer: p.renderer, info: p.info, fallback: true }
      browser = undefined
    }
  } catch (e) {
    log(`config ${name}: launch failed: ${String(e).slice(0, 800)}`)
    log(`    ${browserLog.slice(-15).join('\n    ')}`)
  }
  await browser?.close()
}
if (!chosen) {
  log('NO CONFIG GAVE WEBGL2: stopping')
  process.exit(2)
}
log(`using config ${chosen.name} (${CONFIGS[chosen.name].join(' ')}): WebGL renderer "${chosen.renderer}"${chosen.fallback ? '  <-- NOT the GPU pattern ' + GPU_PATTERN : ''}`)
const results = {}
for (const backend of BACKENDS) {
  log(`backend ${backend}:`)
  try {
    results[backend] = await runBackend(chosen.browser, backend, ids)
  } catch (e) {
    log(`  [${backend}] failed: ${String(e).slice(0, 600)}`)
  }
}
await chosen.browser.close()
server.close()

log('==== summary ====')
log(`renderer (page): ${chosen.renderer}; config ${chosen.name}`)
for (const [backend, r] of Object.entries(results)) {
  const ms = r.rows.map((x) => x.lastTrainMs)
  const warm = ms.slice(1)
  log(`${backend}: backend used=${r.state.backend} reason="${r.state.backendReason}" worker renderer=${r.workerInfo?.contexts?.map((c) => c.renderer).filter((x, i, a) => a.indexOf(x) === i).join(' | ') || 'n/a'}`)
  log(`${backend}: lastTrainMs per round=[${ms.join(', ')}] median=${r1(median(ms))} median(rounds 2+)=${r1(median(warm))} ms/step median(2+)=${r1(median(r.rows.slice(1).map((x) => x.msPerStep)))}`)
  log(`${backend}: workerTensors per round=[${r.rows.map((x) => x.workerTensors).join(', ')}] steps per round=[${r.rows.map((x) => x.steps).join(', ')}]`)
}
if (results.webgl && results.wasm) {
  const g = median(results.webgl.rows.slice(1).map((x) => x.lastTrainMs))
  const w = median(results.wasm.rows.slice(1).map((x) => x.lastTrainMs))
  log(`ratio webgl/wasm (median lastTrainMs, rounds 2+): ${r1(g)} / ${r1(w)} = ${(g / w).toFixed(2)}  (<1: webgl faster)`)
}
if (results.webgl?.loss) log(`context loss: ${results.webgl.loss.verdict}`)
log(`elapsed ${((Date.now() - t0) / 1000).toFixed(1)} s`)
writeFileSync(join(process.env.OUT || here, 'gpu-check.json'), JSON.stringify({ renderer: chosen.renderer, config: chosen.name, info: chosen.info, results }, null, 1))
process.exit(0)
