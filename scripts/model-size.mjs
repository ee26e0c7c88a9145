#!/usr/bin/env node
// What a shop model folder costs on the wire, section by section: gzip of each weights.bin
// section alone, of model.json's large fields, and of the two files as served (the figure the
// issue-9 budget counts: gzip of weights.bin + gzip of model.json).
//
//   node scripts/model-size.mjs DIR      (DIR: what `localshelf pretrain --out DIR` wrote)
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

const dir = process.argv[2]
if (!dir) {
  console.error('usage: node scripts/model-size.mjs DIR (a folder with model.json and weights.bin)')
  process.exit(1)
}
const text = readFileSync(join(dir, 'model.json'), 'utf8')
const manifest = JSON.parse(text)
const bin = readFileSync(join(dir, manifest.weights ?? 'weights.bin'))
const BYTES = { float32: 4, int8: 1, uint8: 1, uint16: 2, int32: 4 }
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`
const gz = (bytes) => gzipSync(bytes).length

// Sections grouped by what they hold (the encoder's ~40 tensors as one line).
const groups = new Map()
for (const s of manifest.sections) {
  const group = s.name.startsWith('encoder.') ? 'encoder.*' : s.name
  const bytes = bin.subarray(s.offset, s.offset + s.length * BYTES[s.dtype])
  const g = groups.get(group) ?? { raw: 0, gzip: 0, encodings: new Set() }
  g.raw += bytes.length
  g.gzip += gz(bytes)
  g.encodings.add(s.encoding ?? s.dtype)
  groups.set(group, g)
}
const rows = [...groups].map(([name, g]) => [`weights.bin ${name}`, [...g.encodings].join('+'), g.raw, g.gzip])
for (const field of ['itemIds', 'popularity']) {
  const json = Buffer.from(JSON.stringify(manifest[field] ?? []))
  rows.push([`model.json ${field}`, 'json', json.length, gz(json)])
}
rows.sort((a, b) => b[3] - a[3])
console.log(`${manifest.itemIds.length} items, format version ${manifest.version}, dim ${manifest.dim}` +
  (manifest.neighbors ? `, top-${manifest.neighbors.k} neighbour lists` : ', no neighbour lists') + (manifest.encoder ? ', sequence encoder' : ''))
console.log('| part | stored as | raw | gzip alone |\n|---|---|---|---|')
for (const [name, enc, raw, g] of rows) console.log(`| ${name} | ${enc} | ${kb(raw)} | ${kb(g)} |`)
const total = gz(bin) + gz(Buffer.from(text))
console.log(`as served: weights.bin ${kb(bin.length)} (gzip ${kb(gz(bin))}) + model.json ${kb(text.length)} (gzip ${kb(gz(Buffer.from(text)))}) = ${kb(total)} gzip`)
