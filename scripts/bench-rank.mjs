#!/usr/bin/env node
// Per-placement ranking time in Node at 1k / 10k / 100k items (the engine's own recommendShelf on
// a seeded synthetic shop: src/app/scale-fixture.test-helper.ts), against a bare dot-product scan
// of the same catalog measured in the same run. Budget: every placement under 16 ms at 100k.
//
//   node scripts/bench-rank.mjs [--sizes 1000,10000,100000] [--dim 32] [--runs 15]
//
// The TypeScript is bundled by Vite (an SSR build into a temporary folder) and imported from there.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { build } from 'vite'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const flag = (name, fallback) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : fallback }
const sizes = flag('sizes', '1000,10000,100000').split(',').map(Number)
const dim = Number(flag('dim', 32))
const runs = Number(flag('runs', 15))
const BUDGET_MS = 16

const out = mkdtempSync(join(tmpdir(), 'bench-rank-'))
try {
  await build({
    root, logLevel: 'error', configFile: false,
    build: {
      ssr: true, outDir: out, emptyOutDir: true, minify: false, target: 'node20',
      rolldownOptions: {
        input: { fixture: join(root, 'src/app/scale-fixture.test-helper.ts'), ranking: join(root, 'src/app/shelf-ranking.ts') },
        output: { format: 'es', entryFileNames: '[name].mjs' },
      },
    },
  })
  const { scaleFixture } = await import(pathToFileURL(join(out, 'fixture.mjs')).href)
  const { recommendShelf } = await import(pathToFileURL(join(out, 'ranking.mjs')).href)

  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
  const time = (fn) => {
    const times = []
    for (let r = 0; r < runs + 3; r++) {
      const t = performance.now()
      fn()
      times.push(performance.now() - t)
    }
    return median(times.slice(3))
  }
  const rows = []
  for (const n of sizes) {
    const t0 = performance.now()
    const { inputs, rank, viewed, items } = scaleFixture(n, { dim })
    const setupMs = performance.now() - t0
    // The floor: one dot product per item into a score array, the least any embedding ranking does.
    const { vectors } = rank
    const query = new Float32Array(dim).map((_, d) => Math.sin(d))
    const bare = time(() => {
      const scores = new Float32Array(n)
      for (let i = 0; i < n; i++) {
        let s = 0
        for (let d = 0, o = i * dim; d < dim; d++) s += query[d] * vectors[o + d]
        scores[i] = s
      }
      return scores
    })
    const withCart = { ...inputs, history: [...inputs.history, { type: 'cart', item: viewed[0], ts: 2_000 }, { type: 'cart', item: items[7].id, ts: 2_001 }] }
    const requests = [
      ['for-you', inputs, { placement: 'for-you', limit: 10 }],
      ['similar', inputs, { placement: 'similar', limit: 10, item: viewed.at(-1) }],
      ['cart', withCart, { placement: 'cart', limit: 10 }],
      ['trending', inputs, { placement: 'trending', limit: 10 }],
      ['recent', inputs, { placement: 'recent', limit: 10 }],
      ['need', inputs, { placement: 'need', limit: 10, query: items[3].title.split(' ').slice(0, 2).join(' ') }],
      ['for-you + rules', inputs, { placement: 'for-you', limit: 10, rules: { maxPerCategory: 2, diversity: 0.5, minPrice: 5 } }],
    ]
    rows.push({ n, name: `bare ${n} x ${dim} dot products (baseline)`, ms: bare, base: bare })
    for (const [name, input, request] of requests) {
      recommendShelf(input, request) // first call builds caches (the need shelf's word index)
      rows.push({ n, name, ms: time(() => recommendShelf(input, request)), base: bare })
    }
    console.error(`${n} items: fixture built in ${setupMs.toFixed(0)} ms`)
  }
  console.log(`Ranking one shelf (Node ${process.version}, dim ${dim}, median of ${runs}; ratio = ms / bare scan at the same size)`)
  console.log(`${'items'.padStart(7)}  ${'placement'.padEnd(36)} ${'ms'.padStart(8)} ${'ratio'.padStart(7)}  budget`)
  for (const r of rows) {
    const verdict = r.name.includes('baseline') ? '' : r.n >= 100_000 ? (r.ms < BUDGET_MS ? 'ok' : 'OVER') : ''
    console.log(`${String(r.n).padStart(7)}  ${r.name.padEnd(36)} ${r.ms.toFixed(2).padStart(8)} ${(r.ms / r.base).toFixed(1).padStart(6)}x  ${verdict}`)
  }
} finally {
  rmSync(out, { recursive: true, force: true })
}
