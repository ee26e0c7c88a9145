import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { main } from './main'

// The CI-sized eval: `localshelf eval --protocol all` end to end on the first shoppers of a shared
// Amazon benchmark (sequence data: every event its own basket), written to a temporary directory at
// test time. The benchmark's licence forbids committing it, so without ../shared this is skipped.
const shared = new URL('../../shared/data/amazon-toys-5core/', import.meta.url)
const present = existsSync(new URL('events.csv', shared))
if (!present) console.warn(`cli/eval-amazon.test.ts skipped: ${shared.pathname} is absent (the shared benchmark data lives outside the repository)`)

const USERS = 150

function sliceDir(): string {
  const lines = readFileSync(new URL('events.csv', shared), 'utf8').split('\n')
  const keep = new Set<string>()
  const rows: string[] = []
  for (const line of lines.slice(1)) {
    if (!line) continue
    const user = line.slice(0, line.indexOf(','))
    if (!keep.has(user)) {
      if (keep.size === USERS) continue
      keep.add(user)
    }
    rows.push(line)
  }
  // Only the products these shoppers reviewed: EASE's fit is cubic in the catalogue size.
  const used = new Set(rows.map((l) => l.split(',')[1]))
  const catalog = (JSON.parse(readFileSync(new URL('catalog.json', shared), 'utf8')) as { id: string }[]).filter((p) => used.has(p.id))
  const dir = mkdtempSync(join(tmpdir(), 'localshelf-amazon-'))
  writeFileSync(join(dir, 'catalog.json'), JSON.stringify(catalog))
  writeFileSync(join(dir, 'events.csv'), [lines[0], ...rows].join('\n'))
  return dir
}

type Row = Record<string, number | string | Record<string, unknown>>

describe.skipIf(!present)('localshelf eval --protocol all on a slice of amazon-toys-5core', () => {
  it('prints every protocol and writes the JSON shape, with sane baselines', async () => {
    const dir = sliceDir()
    const out: string[] = []
    const write = process.stdout.write.bind(process.stdout)
    const err = process.stderr.write.bind(process.stderr)
    process.stdout.write = ((chunk: string) => (out.push(String(chunk)), true)) as typeof process.stdout.write
    process.stderr.write = (() => true) as typeof process.stderr.write
    let code: number
    try {
      code = await main([
        'eval', '--data', dir, '--protocol', 'all', '--json', join(dir, 'eval.json'), '--lambdas', '50',
        // The baselines only: the shop model's pretraining takes minutes even on a slice, and
        // cli/eval.test.ts runs its rows; src/eval/session.test.ts checks the rule row.
        '--methods', 'random,popularity,itemknn,ease',
      ])
    } finally {
      process.stdout.write = write
      process.stderr.write = err
    }
    expect(code).toBe(0)
    const table = out.join('')
    for (const title of ['Leave-one-out', 'New shopper', 'Session']) expect(table).toContain(title)
    expect(table).toMatch(/HR@5 +NDCG@5 +HR@10 +NDCG@10 +HR@20 +NDCG@20/)
    const result = JSON.parse(readFileSync(join(dir, 'eval.json'), 'utf8'))
    expect(result.dataset).toMatchObject({ users: USERS, badRows: 0, unknownItemEvents: 0 })
    expect(Object.keys(result.protocols)).toEqual(['loo', 'new-shopper', 'session'])
    const base = ['random', 'popularity', 'itemknn', 'ease']
    for (const [protocol, { methods }] of Object.entries(result.protocols) as [string, { methods: Record<string, Row> }][]) {
      expect(Object.keys(methods)).toEqual(base)
      for (const [name, m] of Object.entries(methods)) {
        expect(m.error, `${protocol} ${name}`).toBeUndefined()
        for (const k of [5, 10, 20]) {
          const hr = m[`hr${k}`] as number
          const ndcg = m[`ndcg${k}`] as number
          expect(hr).toBeGreaterThanOrEqual(0)
          expect(hr).toBeLessThanOrEqual(1)
          expect(ndcg).toBeLessThanOrEqual(hr) // binary relevance, one target per ranking here
        }
        expect(m.hr5 as number).toBeLessThanOrEqual(m.hr10 as number)
        expect(m.hr10 as number).toBeLessThanOrEqual(m.hr20 as number)
        expect(m.users).toBeGreaterThan(0)
        if (protocol === 'session') expect(m.impressions).toBeGreaterThan(0)
        else expect(m.impressions).toBeUndefined()
      }
      // Sanity: every method clears chance.
      for (const name of ['popularity', 'itemknn', 'ease']) expect(methods[name].hr20 as number, `${protocol} ${name}`).toBeGreaterThan(methods.random.hr20 as number)
      expect(methods.ease.note ?? '').not.toMatch(/FALLBACK/) // exact, uncapped
    }
    // Leave-one-out, the literature's protocol: EASE's collaborative signal beats popularity.
    const loo = result.protocols.loo.methods
    expect(loo.ease.hr20).toBeGreaterThan(loo.popularity.hr20)
    expect(loo.ease.ndcg10).toBeGreaterThan(loo.popularity.ndcg10)
    // The baselines ignore impressions, so the session replay must score exactly like new-shopper.
    for (const name of ['popularity', 'itemknn', 'ease']) {
      for (const k of ['hr5', 'ndcg5', 'hr10', 'ndcg10', 'hr20', 'ndcg20']) {
        expect(result.protocols.session.methods[name][k], `${name} ${k}`).toBe(result.protocols['new-shopper'].methods[name][k])
      }
    }
    // loo ranks every shopper once; session replays the held-out ones event by event.
    expect(result.protocols.loo.methods.ease.cases).toBe(USERS)
    expect(result.protocols.session.methods.ease.cases).toBe(result.protocols['new-shopper'].methods.ease.cases)
    expect(result.command).toMatch(/^localshelf eval --data \S+ --protocol all --lambdas 50 --methods random,popularity,itemknn,ease$/)
    // About 5 s of CPU; the generous limit is for a machine shared by several test runs.
  }, 300_000)
})
