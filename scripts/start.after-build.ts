import { beforeAll, expect, it } from 'vitest'
import { spawn } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

// `npm start` as a shop developer runs it: it builds, keeps the demo model (trained by the step
// before this one in `npm test`, or by the last start), serves, and prints nothing but the URL.
// PORT=0: the server takes a free port and prints it. Rebuilds dist/, so `npm test` runs it after
// the build, alone (npm run test:after-build), not beside the end-to-end tests that serve dist/.
const root = join(dirname(fileURLToPath(import.meta.url)), '..')
// The environment a shell gives `npm start`, not Vitest's: its NODE_ENV=test builds another
// dist/cli.mjs, which would make the demo model look stale and train it again.
const VITEST_ENV = /^(VITEST.*|NODE_ENV|TEST|MODE|DEV|PROD|SSR|BASE_URL|FORCE_TTY)$/
const env = { ...Object.fromEntries(Object.entries(process.env).filter(([name]) => !VITEST_ENV.test(name))), PORT: '0', HOST: '127.0.0.1' }

interface DemoModelModule {
  prepareDemoModel(options?: { verbose?: boolean }): 'reused' | 'trained'
}

// `npm test` trained the model in the step before; run alone, this trains it first (minutes), so
// that the start below finds it fresh and says nothing about it.
beforeAll(async () => {
  const { prepareDemoModel } = (await import(new URL('./demo-model.mjs', import.meta.url).href)) as DemoModelModule
  prepareDemoModel({ verbose: true })
}, 300_000)

it('npm start prints only the URL, serves the shop and its model, and stops when told', async () => {
  // Its own process group, so that stopping it also stops a build or a training it is waiting for.
  const child = spawn(process.execPath, [join(root, 'scripts/start.mjs')], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true })
  let stdout = ''
  let stderr = ''
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  try {
    const url = await new Promise<string>((resolve, reject) => {
      child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
        stdout += chunk
        const found = /^Localshelf demo shop: (http:\/\/127\.0\.0\.1:\d+\/)\n/m.exec(stdout)
        if (found) resolve(found[1])
      })
      void exited.then((code) => reject(new Error(`npm start exited (${code}) before printing its URL:\n${stdout}${stderr}`)))
    })
    // Quiet: the URL is the whole output (the build's log, the model's and the server's none).
    expect(stdout).toBe(`Localshelf demo shop: ${url}\n`)
    expect(stderr).toBe('')
    const page = await fetch(url)
    expect(page.status).toBe(200)
    expect(await page.text()).toContain('/localshelf.js')
    const model = await fetch(new URL('shop-model/model.json', url))
    expect(model.status).toBe(200)
    expect(Object.keys((await model.json()) as object).length).toBeGreaterThan(0)
    const weights = await fetch(new URL('shop-model/weights.bin', url))
    expect(weights.status).toBe(200)
    expect((await weights.arrayBuffer()).byteLength).toBeGreaterThan(0)
    const widget = await fetch(new URL('localshelf.js', url))
    expect(widget.status).toBe(200)
    await widget.arrayBuffer()
  } finally {
    process.kill(-child.pid!, 'SIGTERM')
  }
  // serve.mjs closes its server on SIGTERM and exits cleanly.
  expect(await exited).toBe(0)
}, 60_000)
