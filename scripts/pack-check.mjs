// What a storefront developer gets from `npm install localshelf`, checked on the packed tarball
// (never on the working tree, whose extra files would hide a missing `files` entry):
//   1. publint (strict) and are-the-types-wrong (esm-only profile: node16-ESM, bundler; see README)
//   2. install footprint into a fresh app: bytes and packages added to node_modules, no install scripts
//   3. `npx localshelf --help` from the installed package
//   4. the type test: tsc (skipLibCheck false) on test/consumers/types-* under bundler, node16, nodenext
// Run after `npm run build`. Needs the npm registry (or its cache) for preact, react and @types/react.
// Env: FOOTPRINT_MB (budget, default 30), KEEP=1 keeps the temporary app and prints its path.
import { execFileSync } from 'node:child_process'
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(import.meta.url)
const budgetMb = Number(process.env.FOOTPRINT_MB ?? 30)
const work = mkdtempSync(join(tmpdir(), 'localshelf-pack-'))
const run = (cmd, args, cwd, opts = {}) => execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], ...opts })
const npm = (args, cwd) => run('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error', '--prefer-offline'], cwd)
const failures = []
const step = (name, fn) => {
  const started = Date.now()
  try {
    const note = fn()
    console.log(`ok   ${name}${note ? `: ${note}` : ''} (${((Date.now() - started) / 1000).toFixed(1)} s)`)
  } catch (error) {
    failures.push(name)
    console.log(`FAIL ${name}\n${String(error.stdout || '') + String(error.stderr || '') || error.message}`)
  }
}

/** Bytes of every file under `dir` (what the disk gets, not the tarballs). */
function bytesUnder(dir) {
  let total = 0
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    const stat = statSync(path, { throwIfNoEntry: false })
    if (!stat) continue
    total += stat.isDirectory() ? bytesUnder(path) : stat.size
  }
  return total
}

/** Every package.json under node_modules (nested ones too), as [name, manifest]. */
function installedPackages(modules) {
  const found = []
  const visit = (dir) => {
    if (!existsSync(dir)) return
    for (const name of readdirSync(dir)) {
      if (name.startsWith('.')) continue
      if (name.startsWith('@')) {
        for (const inner of readdirSync(join(dir, name))) visitPackage(join(dir, name, inner))
      } else visitPackage(join(dir, name))
    }
  }
  const visitPackage = (dir) => {
    const manifest = join(dir, 'package.json')
    if (!existsSync(manifest)) return
    found.push(JSON.parse(readFileSync(manifest, 'utf8')))
    visit(join(dir, 'node_modules'))
  }
  visit(modules)
  return found
}

const tarball = join(work, JSON.parse(run('npm', ['pack', '--json', '--pack-destination', work], root))[0].filename)
console.log(`packed ${tarball.replace(work, '<tmp>')} (${(statSync(tarball).size / 1024).toFixed(0)} KB)`)

step('publint --strict', () => {
  const out = run(join(root, 'node_modules/.bin/publint'), ['run', tarball, '--strict'], root)
  if (/\b(error|warning|suggestion)s?\b/i.test(out) && !/All good/i.test(out)) throw Object.assign(new Error(out), { stdout: out })
  return out.trim().split('\n').pop()
})

step('attw (esm-only: node16-ESM, bundler)', () => {
  // The worker and the wasm binary are exported as files for bundlers and `?url` imports; a
  // declaration would mean nothing for them.
  const out = run(join(root, 'node_modules/.bin/attw'), [tarball, '--profile', 'esm-only', '--format', 'table',
    '--exclude-entrypoints', './localshelf-worker.js', './tfjs-backend-wasm-simd.wasm', './package.json'], root)
  // attw exits non-zero on any problem the profile counts; the table is kept for the log's reader.
  const entries = (out.match(/"localshelf[^"]*"/g) ?? []).filter((v, i, all) => all.indexOf(v) === i)
  return `no problems in ${entries.join(', ')}`
})

const app = join(work, 'app')
let footprint
step(`install footprint (budget ${budgetMb} MB)`, () => {
  cpSync(join(root, 'test/consumers/empty-app'), app, { recursive: true })
  npm(['install', tarball], app)
  const modules = join(app, 'node_modules')
  const packages = installedPackages(modules)
  const withScripts = packages.filter((p) => p.scripts && ['preinstall', 'install', 'postinstall'].some((s) => s in p.scripts))
  const mb = bytesUnder(modules) / 1e6
  footprint = { mb: Number(mb.toFixed(2)), packages: packages.length, names: packages.map((p) => `${p.name}@${p.version}`).sort() }
  if (withScripts.length) throw new Error(`install scripts in ${withScripts.map((p) => p.name).join(', ')}`)
  if (mb > budgetMb) throw new Error(`${mb.toFixed(1)} MB > ${budgetMb} MB: ${footprint.names.join(' ')}`)
  return `${mb.toFixed(1)} MB, ${packages.length} packages (${footprint.names.join(', ')}), no install scripts`
})

step('npx localshelf --help (installed)', () => {
  const out = run('npx', ['--no-install', 'localshelf', '--help'], app)
  if (!out.includes('localshelf eval')) throw new Error(out)
  return out.split('\n')[0]
})

step("require('localshelf') (Node >= 20.19 loads the ES module)", () => {
  const out = run(process.execPath, ['-e', "const l = require('localshelf'); console.log(typeof l.createLocalshelf, typeof l.validateCatalog)"], app)
  if (out.trim() !== 'function function') throw new Error(out)
  return out.trim()
})

step('types: tsc --noEmit under bundler, node16, nodenext (skipLibCheck false)', () => {
  npm(['install', '--no-save', 'react@19', 'react-dom@19', '@types/react@19', '@types/react-dom@19'], app)
  const tsc = require.resolve('typescript/bin/tsc')
  const done = []
  const fixtures = readdirSync(join(root, 'test/consumers')).filter((n) => n.startsWith('types-'))
  for (const name of fixtures) cpSync(join(root, 'test/consumers', name), join(app, name), { recursive: true })
  for (const name of fixtures.filter((n) => existsSync(join(app, n, 'tsconfig.json')))) {
    run(process.execPath, [tsc, '-p', join(app, name)], app)
    done.push(name.slice(6))
  }
  return done.join(', ')
})

if (footprint) mkdirSync(join(root, '.cache'), { recursive: true }), writeFileSync(join(root, '.cache/footprint.json'), JSON.stringify(footprint, null, 2) + '\n')
if (process.env.KEEP) console.log(`kept ${work}`)
else rmSync(work, { recursive: true, force: true })
if (failures.length) {
  console.error(`pack check failed: ${failures.join('; ')}`)
  process.exit(1)
}
