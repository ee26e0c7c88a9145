import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { decodeShopModel } from '../src/core/model-format'
import { parseDataset } from '../src/eval/dataset'
import { main } from './main'

// An end-to-end `localshelf` run on a slice of real data: the demo subset of the UCI Online
// Retail data, cut to its first 80 shoppers so the whole table (both protocols) takes seconds.
const demo = new URL('../public/data/', import.meta.url)
const lines = readFileSync(new URL('events.csv', demo), 'utf8').trim().split('\n')
const users = [...new Set(lines.slice(1).map((l) => l.split(',')[0]))].slice(0, 80)
const keep = new Set(users)
const rows = lines.slice(1).filter((l) => keep.has(l.split(',')[0]))
const slice = [lines[0], ...rows].join('\n')
// Only the products these shoppers bought: EASE's fit is cubic in the catalog size.
const bought = new Set(rows.map((l) => l.split(',')[1]))
const catalogJson = JSON.stringify(JSON.parse(readFileSync(new URL('catalog.json', demo), 'utf8')).filter((p: { id: string }) => bought.has(p.id)))

/** A fresh directory holding the slice as a dataset (catalog.json + events.csv). */
function sliceDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix))
  writeFileSync(join(dir, 'catalog.json'), catalogJson)
  writeFileSync(join(dir, 'events.csv'), slice)
  return dir
}

describe('localshelf eval and pretrain on a slice of the retail data', () => {
  it('prints the table and writes the JSON with every method under both protocols', async () => {
    const dir = sliceDir('localshelf-eval-')
    const out: string[] = []
    const write = process.stdout.write.bind(process.stdout)
    process.stdout.write = ((chunk: string) => (out.push(String(chunk)), true)) as typeof process.stdout.write
    let code: number
    try {
      code = await main(['eval', '--data', dir, '--json', join(dir, 'eval.json'), '--backend', 'wasm', '--epochs', '1', '--max-epochs', '2'])
    } finally {
      process.stdout.write = write
    }
    expect(code).toBe(0)
    expect(out.join('')).toMatch(/shop\+finetune/)
    const result = JSON.parse(readFileSync(join(dir, 'eval.json'), 'utf8'))
    for (const protocol of ['loo', 'new-shopper']) {
      const methods = result.protocols[protocol].methods
      expect(Object.keys(methods)).toEqual(['random', 'popularity', 'itemknn', 'ease', 'content', 'shop', 'shop+finetune'])
      for (const m of Object.values(methods) as Array<Record<string, number>>) {
        for (const key of ['hr10', 'ndcg10', 'mrr10', 'coverage10']) expect(m[key]).toBeGreaterThanOrEqual(0)
        expect(m.hr10).toBeLessThanOrEqual(1)
        expect(m.users).toBeGreaterThan(0)
        expect(m).toHaveProperty('trainSeconds')
        expect(m).toHaveProperty('rankMsPerUser')
      }
      // Learned methods must beat chance by a wide margin even on a slice.
      expect(methods.ease.hr10).toBeGreaterThan(methods.random.hr10 * 2)
      expect(methods.shop.hr10).toBeGreaterThan(methods.random.hr10 * 2)
    }
  }, 300_000)

  it('--methods runs only the listed methods and names the valid ones on a typo', async () => {
    const dir = sliceDir('localshelf-methods-')
    const write = process.stdout.write.bind(process.stdout)
    const err = process.stderr.write.bind(process.stderr)
    const errors: string[] = []
    process.stdout.write = (() => true) as typeof process.stdout.write
    process.stderr.write = ((chunk: string) => (errors.push(String(chunk)), true)) as typeof process.stderr.write
    try {
      expect(await main(['eval', '--data', dir, '--protocol', 'loo', '--methods', 'popularity,ease', '--json', join(dir, 'eval.json')])).toBe(0)
      expect(await main(['eval', '--data', dir, '--methods', 'popularity,eas'])).toBe(1)
    } finally {
      process.stdout.write = write
      process.stderr.write = err
    }
    const result = JSON.parse(readFileSync(join(dir, 'eval.json'), 'utf8'))
    expect(Object.keys(result.protocols)).toEqual(['loo'])
    expect(Object.keys(result.protocols.loo.methods)).toEqual(['popularity', 'ease'])
    expect(errors.join('')).toMatch(/--methods takes a comma-separated list of random, popularity, itemknn, ease, content, shop, shop\+rule, shop\+finetune; got "popularity,eas"/)
  }, 300_000)

  it('pretrain writes model files that decode to the catalog', async () => {
    const dir = sliceDir('localshelf-pretrain-')
    expect(await main(['pretrain', '--data', dir, '--out', join(dir, 'model'), '--backend', 'wasm', '--epochs', '1', '--max-epochs', '2'])).toBe(0)
    const manifest = JSON.parse(readFileSync(join(dir, 'model/model.json'), 'utf8'))
    const bin = readFileSync(join(dir, 'model/weights.bin'))
    const model = decodeShopModel(manifest, bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength) as ArrayBuffer)
    const catalog = parseDataset('slice', JSON.parse(catalogJson), slice)
    expect(model.weights.itemIds).toEqual(catalog.items.map((i) => i.id))
    expect(model.weights.neighbors?.k).toBe(32)
    expect(await main(['pretrain', '--data', dir])).toBe(1) // --out missing: a clear error, not a crash
  }, 300_000)

  it('pretrain above --exact-max-items uses co-occurrence lists and reports phases with a whole-run ETA', async () => {
    const dir = sliceDir('localshelf-pretrain-cooc-')
    const lines: string[] = []
    const write = process.stderr.write.bind(process.stderr)
    // A pipe, not a terminal: one line per phase and epoch.
    process.stderr.write = ((chunk: string | Uint8Array) => { lines.push(String(chunk)); return true }) as typeof process.stderr.write
    try {
      expect(await main(['pretrain', '--data', dir, '--out', join(dir, 'model'), '--exact-max-items', '1', '--max-epochs', '1'])).toBe(0)
      expect(await main(['pretrain', '--data', dir, '--out', join(dir, 'model2'), '--minutes', '0'])).toBe(1)
    } finally {
      process.stderr.write = write
    }
    const manifest = JSON.parse(readFileSync(join(dir, 'model/model.json'), 'utf8'))
    expect(manifest.training.neighborFit).toMatch(/^(cooccurrence|none)$/)
    const log = lines.join('')
    expect(log).toMatch(/co-occurrence top-32 over \d+ items/)
    for (const phase of ['1/4 data', '2/4 neighbours', '3/4 sequence model', '4/4 blend']) expect(log).toMatch(new RegExp(`\\[${phase}\\].* · \\d+:\\d\\d elapsed · ETA \\d+:\\d\\d`))
    expect(log).toMatch(/\[3\/4 sequence model\] epoch 1\/1 · /)
    expect(log).toMatch(/--minutes must be a positive number of minutes \(default 4\), got "0"/)
  }, 300_000)
})
