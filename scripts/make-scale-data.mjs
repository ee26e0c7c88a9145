#!/usr/bin/env node
// Builds a synthetic dataset at the size `localshelf eval` must handle within 30 minutes for both
// protocols (25,000 users, 12,000 items, 400,000 events), from the UCI Online Retail data, to
// time the evaluation (not to judge quality: its users are resampled copies).
//
//   node scripts/make-scale-data.mjs --out DIR [--src DIR] [--users 25000] [--items 12000] [--events 400000]
//
// Each synthetic user is a real user's run of consecutive baskets (at least 3 where the user has
// them), with the products moved to one of several copies of the catalog so that 12,000 distinct
// items have real co-purchase structure. Deterministic (seeded generator, no clock).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const args = process.argv.slice(2)
const flag = (name, fallback) => { const i = args.indexOf(`--${name}`); return i >= 0 ? args[i + 1] : fallback }
const src = resolve(flag('src', join(root, '../shared/data/online-retail-uci')))
const out = flag('out')
if (!out) { console.error('--out DIR is required'); process.exit(1) }
const users = Number(flag('users', 25000))
const itemTarget = Number(flag('items', 12000))
const eventTarget = Number(flag('events', 400000))

let seed = 12345
const random = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32)

const catalog = JSON.parse(readFileSync(join(src, 'catalog.json'), 'utf8'))
const copies = Math.ceil(itemTarget / catalog.length)
const items = []
for (let c = 0; c < copies; c++) for (const p of catalog) if (items.length < itemTarget) items.push({ ...p, id: c ? `${p.id}~${c}` : p.id, title: c ? `${p.title} (${c})` : p.title })
const known = new Set(items.map((p) => p.id))

// Baskets per real user, in time order.
const byUser = new Map()
const lines = readFileSync(join(src, 'events.csv'), 'utf8').trim().split('\n').slice(1)
for (const line of lines) {
  const [user, item, ts, type] = line.split(',')
  if (!byUser.has(user)) byUser.set(user, new Map())
  const baskets = byUser.get(user)
  if (!baskets.has(ts)) baskets.set(ts, [])
  baskets.get(ts).push([item, type])
}
const real = [...byUser.values()].map((b) => [...b.entries()].sort((x, y) => Number(x[0]) - Number(y[0])))
const perUser = eventTarget / users

// Windows of consecutive baskets (3 or more where the user has them), then a thinning of each
// basket to land near the event target: retail orders are large (~20 lines each).
const windows = []
let total = 0
for (let u = 0; u < users; u++) {
  const baskets = real[Math.floor(random() * real.length)]
  const copy = Math.floor(random() * copies)
  let from = Math.floor(random() * baskets.length)
  let count = 0
  let to = from
  while (to < baskets.length && (count < perUser || to - from < 3)) count += baskets[to++][1].length
  while (from > 0 && to - from < 3) count += baskets[--from][1].length
  windows.push({ baskets: baskets.slice(from, to), copy })
  total += count
}
const keep = Math.min(1, eventTarget / total)
const rows = ['user,item,ts,type']
let events = 0
windows.forEach(({ baskets, copy }, u) => {
  for (const [ts, products] of baskets) {
    products.forEach(([item, type], i) => {
      if (i > 0 && random() >= keep) return // every basket keeps its first line
      const id = copy ? `${item}~${copy}` : item
      rows.push(`s${u},${known.has(id) ? id : item},${ts},${type}`)
      events++
    })
  }
})
mkdirSync(out, { recursive: true })
writeFileSync(join(out, 'catalog.json'), JSON.stringify(items))
writeFileSync(join(out, 'events.csv'), rows.join('\n') + '\n')
console.log(`wrote ${out}: ${users} users, ${items.length} items, ${events} events`)
