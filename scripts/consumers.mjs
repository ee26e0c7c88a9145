// Consumer apps built from the packed tarball and run in real Chromium (test/consumers/apps):
//   react-vite   React 19 + Vite: localshelf/react's <Shelf> and useLocalshelf, in StrictMode
//   preact-vite  Preact 11 (PREACT=10: 10) + Vite: localshelf/preact's <Shelf>
//   webpack      webpack 5, plain DOM: <local-shelf> from localshelf/element
//   ssr          React server render (TypeScript, moduleResolution nodenext) hydrated by a Vite client
// Each app only `npm install`s the tarball and its own framework: the worker and the wasm binary
// must reach the page through the app's bundler (no manual copy). Passing means: shelves render,
// the shopper's views turn `for-you` to source `personal` (the worker trained), no console error
// (a hydration mismatch is one) and no page error.
// The installed node_modules are kept in .cache/consumers and reused while the dependency list is
// unchanged; only the tarball is reinstalled. Run after `npm run build`. CONSUMERS=a,b picks apps.
import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import { dirname, extname, join, normalize } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { chromium } from '@playwright/test'
import { writePictures } from './product-pictures.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
// REACT=18 and PREACT=10 run the apps against the older majors (their own install, cached beside).
const react = process.env.REACT ?? '19'
const preact = process.env.PREACT ?? '11'
const work = join(root, react === '19' && preact === '11' ? '.cache/consumers' : `.cache/consumers-react${react}-preact${preact}`)
const DEPS = [`react@${react}`, `react-dom@${react}`, `@types/react@${react}`, `@types/react-dom@${react}`, `preact@${preact}`, 'vite@8', 'webpack@5']
const APPS = (process.env.CONSUMERS ?? 'react-vite,preact-vite,webpack,ssr').split(',')
const started = Date.now()
const run = (cmd, args, cwd = work) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] })
const npm = (args) => run('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error', '--prefer-offline'])
const seconds = (since) => ((Date.now() - since) / 1000).toFixed(1)

// --- install ------------------------------------------------------------------------------------
mkdirSync(work, { recursive: true })
const tarball = join(work, JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work], root))[0].filename)
const stamp = join(work, 'deps.json')
let t = Date.now()
if (!existsSync(stamp) || readFileSync(stamp, 'utf8') !== JSON.stringify(DEPS) || !existsSync(join(work, 'node_modules'))) {
  rmSync(join(work, 'node_modules'), { recursive: true, force: true })
  writeFileSync(join(work, 'package.json'), JSON.stringify({ name: 'consumers', private: true, type: 'module' }, null, 2))
  rmSync(join(work, 'package-lock.json'), { force: true })
  npm(['install', tarball, ...DEPS])
  writeFileSync(stamp, JSON.stringify(DEPS))
} else {
  npm(['install', tarball])
}
console.log(`installed the tarball and ${DEPS.join(' ')} (${seconds(t)} s)`)

// --- build --------------------------------------------------------------------------------------
const apps = join(work, 'apps')
rmSync(apps, { recursive: true, force: true })
cpSync(join(root, 'test/consumers/apps'), apps, { recursive: true })
const catalog = readFileSync(join(root, 'public/data/catalog.json'))
const catalogIds = JSON.parse(catalog).map((item) => item.id)
const vite = (app) => run(process.execPath, [join(work, 'node_modules/vite/bin/vite.js'), 'build', join(apps, app), '--outDir', 'dist', '--logLevel', 'warn'])
const builds = {
  'react-vite': () => vite('react-vite'),
  'preact-vite': () => vite('preact-vite'),
  webpack: () => {
    run(process.execPath, ['--input-type=module', '-e', `
      import webpack from 'webpack'
      import config from './apps/webpack/webpack.config.js'
      webpack(config, (error, stats) => {
        if (error || stats.hasErrors()) { console.error(error ?? stats.toString('errors-only')); process.exit(1) }
        if (stats.hasWarnings()) console.log(stats.toString('errors-warnings'))
      })`])
    cpSync(join(apps, 'webpack/index.html'), join(apps, 'webpack/dist/index.html'))
  },
  ssr: () => {
    run(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(apps, 'ssr')])
    vite('ssr')
  },
}
for (const app of APPS) {
  t = Date.now()
  const out = builds[app]()
  mkdirSync(join(apps, app, 'dist'), { recursive: true })
  writeFileSync(join(apps, app, 'dist/catalog.json'), catalog)
  // The demo catalog names its product pictures; the app serves them as a shop would its own.
  writePictures(join(apps, app, 'dist/img/p'), JSON.parse(catalog))
  const copied = existsSync(join(apps, app, 'public')) ? ' (public/ present!)' : ''
  console.log(`built ${app} (${seconds(t)} s)${copied}${out?.trim() ? `\n${out.trim()}` : ''}`)
}

// --- serve and run ------------------------------------------------------------------------------
const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.json': 'application/json', '.wasm': 'application/wasm', '.css': 'text/css' }
async function serve(app) {
  const dist = join(apps, app, 'dist')
  const render = app === 'ssr' ? (await import(pathToFileURL(join(apps, 'ssr/server/render.js')).href)).renderPage : undefined
  const template = render ? readFileSync(join(dist, 'index.html'), 'utf8') : ''
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url, 'http://x').pathname)).replace(/^(\.\.[/\\])+/, '')
    if (render && path === '/') {
      // The server's HTML in the client build's page: what `vite build` wrote, with the render inside #root.
      const html = render()
      const body = html.slice(html.indexOf('<div id="root">'), html.indexOf('</div><script')) + '</div>'
      res.writeHead(200, { 'content-type': 'text/html' }).end(template.replace('<div id="root"></div>', body))
      return
    }
    if (path === '/favicon.ico') return res.writeHead(204).end()
    const file = join(dist, path === '/' ? 'index.html' : path)
    if (!file.startsWith(dist) || !existsSync(file) || !statSync(file).isFile()) return res.writeHead(404).end('not found')
    res.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file))
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { server, url: `http://127.0.0.1:${server.address().port}/` }
}

const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined)
const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-dev-shm-usage'] })
const failures = []
for (const app of APPS) {
  const { server, url } = await serve(app)
  const context = await browser.newContext()
  const page = await context.newPage()
  const errors = []
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()) })
  page.on('pageerror', (e) => errors.push(e.message))
  page.on('requestfailed', (r) => errors.push(`request failed: ${r.url()}`))
  page.on('response', (r) => { if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`) })
  t = Date.now()
  try {
    if (app === 'ssr') {
      const html = await (await fetch(url)).text()
      if (!html.includes('Server-rendered shop')) throw new Error('the server render is missing from the page')
    }
    await page.goto(url)
    // Cards in the light DOM (the components) or in a <local-shelf>'s shadow root.
    await page.waitForFunction(() => window.shelf && (document.querySelectorAll('[part~=item]').length > 0
      || [...document.querySelectorAll('local-shelf')].some((el) => el.shadowRoot?.querySelector('[part~=item]'))), null, { timeout: 30_000 })
    const firstShelf = seconds(t)
    // One view at a time, as a shopper browses: a same-millisecond burst is one basket, which
    // teaches the model nothing (no next item to predict) and so never makes a shelf personal.
    for (const id of catalogIds.slice(0, 3)) {
      await page.evaluate((item) => window.shelf.track('view', item), id)
      await page.waitForTimeout(20)
    }
    await page.waitForFunction(() => window.shelf.recommend({ placement: 'for-you', limit: 10 }).source === 'personal', null, { timeout: 60_000 })
    const state = await page.evaluate(() => window.shelf.state())
    if (state.error) throw new Error(`state().error: ${state.error}`)
    if (app === 'react-vite' || app === 'ssr') await page.waitForSelector('section[data-source=personal]', { timeout: 10_000 })
    if (app === 'webpack') {
      await page.waitForFunction(() => [...document.querySelectorAll('local-shelf')].every((el) => el.getAttribute('status') === 'ready'))
    }
    // The React shelf's keyboard: one Tab stop per shelf (roving tabindex), arrows and End move focus
    // between cards, and the stop follows the focus.
    if (app === 'react-vite') {
      const cards = page.locator('section[aria-label="Trending"] [part~="item"]')
      const stops = async () => cards.evaluateAll((els) => els.map((el) => el.getAttribute('tabindex')).join(''))
      const focused = () => page.evaluate(() => document.activeElement?.getAttribute('data-item-id'))
      const ids = await cards.evaluateAll((els) => els.map((el) => el.getAttribute('data-item-id')))
      if ((await stops()) !== '0' + '-1'.repeat(ids.length - 1)) throw new Error(`keyboard: tab stops ${await stops()}, expected only the first card`)
      await cards.first().focus()
      await page.keyboard.press('ArrowRight')
      if ((await focused()) !== ids[1]) throw new Error(`keyboard: ArrowRight focused ${await focused()}, expected ${ids[1]}`)
      await page.keyboard.press('End')
      if ((await focused()) !== ids.at(-1)) throw new Error(`keyboard: End focused ${await focused()}, expected ${ids.at(-1)}`)
      if ((await stops()) !== '-1'.repeat(ids.length - 1) + '0') throw new Error(`keyboard: the tab stop did not follow the focus (${await stops()})`)
    }
    // Client-side routing: react-vite's onItemClick and webpack's localshelf:select listener call
    // preventDefault, so a click on a card is recorded and the page stays.
    // The element's buttons are named through the engine's `strings` option.
    if (app === 'webpack') {
      const names = await page.locator('local-shelf[placement="trending"] [part~="nav"]').evaluateAll((buttons) => buttons.map((b) => b.getAttribute('aria-label')).join(','))
      if (names !== 'Zurück,Weiter') throw new Error(`the element's buttons are named "${names}", not the strings option's "Zurück,Weiter"`)
    }
    if (app === 'react-vite' || app === 'webpack') {
      const before = page.url()
      const card = app === 'webpack' ? page.locator('local-shelf[placement="trending"] [part~="item"]').first() : page.locator('section[aria-label="Trending"] [part~="item"]').first()
      const id = await card.getAttribute('data-item-id')
      await card.click()
      await page.waitForFunction(async (item) => ((await window.shelf.exportData()).events ?? []).some((e) => e.type === 'click' && e.item === item), id, { timeout: 10_000 })
      if (page.url() !== before) throw new Error(`the click navigated to ${page.url()} although the app prevented it`)
    }
    if (errors.length) throw new Error(`console errors:\n  ${errors.join('\n  ')}`)
    console.log(`ok   ${app}: first shelf ${firstShelf} s, personal after ${seconds(t)} s, backend ${state.backend} (${state.backendReason})`)
  } catch (error) {
    failures.push(app)
    console.log(`FAIL ${app}: ${error.message}${errors.length ? `\n  console: ${errors.join('\n  ')}` : ''}`)
  }
  await context.close()
  server.close()
}
await browser.close()
console.log(`consumer apps: ${APPS.length - failures.length}/${APPS.length} passed in ${seconds(started)} s`)
if (failures.length) process.exit(1)
