// Size of every entry against its budget (gzip level 9, brotli reported too), printed on every run
// after the build; CI fails when one is over its ceiling.
//   first paint: the script-tag file: the element, the shelf view and preact. The product brief's
//                budget is 12 KB (Algolia's recommend-js with its client: 16.2 KB). A returning
//                shopper's shelves paint from it alone (their last rankings, cached on the device),
//                and so do a first visit's trending and for-you (the catalogue's popularity order).
//   engine:      the script tag's engine chunk (catalog, ranking, idb, worker client), imported
//                at once by the first chunk; a first visit's other shelves wait for it. 20 KB: since the
//                first-paint split it also carries the placements (cart, recent, need), the
//                business rules, consent, the A/B arm, tab coordination and the durable log
//                (issues 10 and 12: 11.8 -> 17.5 KB gzip); the sequence encoder's inference too.
//                25 KB since issue 9 (shop scale, 18.7 -> 23.2 KB): start-up in slices (sliced JSON
//                parse, validation, features, vectors), the derived-table cache, the impression
//                store, the model saved and patched by rows, the per-frame notifier with input
//                versions, the inverted-index scans. The npm entries that carry the engine (index,
//                react) grew by the same 4-5 KB and moved up with it. 27.5 KB since issue 9's memory
//                and start-up work (24.1 -> 26.7 KB): the catalogue kept as columns and the packed
//                content features (103 -> 38 MB at 100k products), the prefetched catalogue and
//                model read by the engine, shelves told one per task, the warmed ranking tables,
//                and the shown items the worker's sequence fine-tune learns from; index and react
//                moved up by the same 2.5 KB
//   panels:      the privacy/stats panels, statistics and query matching, loaded on first use
//   ML chunk:    the training worker (tfjs core + backends + trainer)     <= 100 KB, wasm binary aside
//   npm entries: each ES entry with the package chunks it imports, minified as an app's bundler
//                would (preact, react and idb are the app's and not counted).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { brotliCompressSync, constants, gzipSync } from 'node:zlib'
import { minifySync } from 'rolldown/experimental'

const dist = join(dirname(fileURLToPath(import.meta.url)), '../dist')
const budgets = [
  { file: 'localshelf.js', label: 'first paint (script tag)', kb: 12 },
  { file: 'localshelf-engine.js', label: 'engine (script tag)', kb: 27.5 },
  { file: 'localshelf-panels.js', label: 'panels (lazy)', kb: 8 },
  { file: 'localshelf-worker.js', label: 'ML chunk (worker)', kb: Number(process.env.ML_BUDGET_KB ?? 100) },
  { file: 'tfjs-backend-wasm-simd.wasm', label: 'wasm binary (SIMD)', kb: Infinity },
  { file: 'index.js', label: "npm 'localshelf'", kb: 24, esm: true },
  { file: 'element.js', label: "npm 'localshelf/element'", kb: 6, esm: true },
  { file: 'preact.js', label: "npm 'localshelf/preact'", kb: 4.5, esm: true },
  { file: 'react.js', label: "npm 'localshelf/react'", kb: 27.5, esm: true },
]

/** An ES entry and every package chunk it imports (statically), as one text. */
function withChunks(file, seen = new Set()) {
  if (seen.has(file)) return ''
  seen.add(file)
  const code = readFileSync(join(dist, file), 'utf8')
  const local = [...code.matchAll(/^(?:import|export)\s[^'";]*?["']\.\/([^'"]+)["']/gm)].map((m) => m[1])
  return local.map((chunk) => withChunks(chunk, seen)).join('\n') + '\n' + code
}

let over = false
const rows = []
for (const { file, label, kb, target, esm } of budgets) {
  let bytes = readFileSync(join(dist, file))
  if (esm) bytes = Buffer.from(minifySync(file, withChunks(file), { compress: true, mangle: true, module: true }).code)
  const gz = gzipSync(bytes, { level: 9 }).length / 1024
  const br = brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length / 1024
  const ok = gz <= kb
  over ||= !ok
  rows.push({ entry: label, file: `dist/${file}`, rawKb: +(bytes.length / 1024).toFixed(1), gzipKb: +gz.toFixed(1), brotliKb: +br.toFixed(1), ceilingKb: kb === Infinity ? null : kb, ...(target ? { targetKb: target } : {}) })
  console.log(`${ok ? 'ok  ' : 'OVER'} ${label.padEnd(26)} ${`dist/${file}`.padEnd(34)} ${(bytes.length / 1024).toFixed(1).padStart(7)} KB raw ${gz.toFixed(1).padStart(6)} KB gzip ${br.toFixed(1).padStart(6)} KB brotli${kb === Infinity ? '' : ` (ceiling ${kb} KB)`}${target && gz > target ? ` — over the ${target} KB target by ${(gz - target).toFixed(1)} KB` : ''}`)
}
mkdirSync(join(dist, '../.cache'), { recursive: true })
writeFileSync(join(dist, '../.cache/sizes.json'), JSON.stringify(rows, null, 2) + '\n')
if (over) {
  console.error('size budget exceeded: see which module grew with `npx vite build` + a bundle visualiser, and trim it')
  process.exit(1)
}
