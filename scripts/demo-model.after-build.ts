import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

// `npm start`'s freshness check (scripts/demo-model.mjs), with real training runs of the built
// CLI on a small slice of the demo shop's data: a missing or stale model is trained again, a fresh
// one is kept. Needs dist/cli.mjs: `npm test` runs it after the build (npm run test:after-build).
interface DemoModelModule {
  DEMO_MODEL: { data: string; cli: string }
  prepareDemoModel(options: { data: string; out: string; cli?: string; train?: string[]; log?: (line: string) => void }): 'reused' | 'trained'
}
const demoModelUrl = new URL('./demo-model.mjs', import.meta.url).href

let dir: string
let data: string
let out: string
let prepare: (log?: string[]) => 'reused' | 'trained'

beforeAll(async () => {
  const { DEMO_MODEL, prepareDemoModel } = (await import(demoModelUrl)) as DemoModelModule
  dir = mkdtempSync(join(tmpdir(), 'localshelf-demo-model-'))
  data = join(dir, 'data')
  out = join(dir, 'model')
  mkdirSync(data)
  // The demo shop's 60 first products and 3,000 events on them: 1-3 s of training, not minutes.
  const catalog = (JSON.parse(readFileSync(join(DEMO_MODEL.data, 'catalog.json'), 'utf8')) as { id: string }[]).slice(0, 60)
  const ids = new Set(catalog.map((item) => item.id))
  const [header, ...events] = readFileSync(join(DEMO_MODEL.data, 'events.csv'), 'utf8').trim().split('\n')
  writeFileSync(join(data, 'catalog.json'), JSON.stringify(catalog))
  writeFileSync(join(data, 'events.csv'), [header, ...events.filter((line) => ids.has(line.split(',')[1])).slice(0, 3000)].join('\n') + '\n')
  prepare = (log = []) => prepareDemoModel({ data, out, train: ['--epochs', '1', '--minutes', '0.05', '--max-epochs', '1'], log: (line) => log.push(line) })
})
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const written = () => statSync(join(out, 'weights.bin')).mtimeMs

describe('the demo model is trained only when its inputs change', () => {
  it('trains a missing model, then keeps it while nothing changed', () => {
    const log: string[] = []
    expect(prepare(log)).toBe('trained')
    expect(log).toEqual([expect.stringMatching(/^training the demo shop model from .*data \(about two minutes/)])
    const model = JSON.parse(readFileSync(join(out, 'model.json'), 'utf8')) as { items?: unknown[] }
    expect(Object.keys(model).length).toBeGreaterThan(0)
    const at = written()
    const again: string[] = []
    expect(prepare(again)).toBe('reused')
    expect(again).toEqual([]) // quiet: nothing to say
    expect(written()).toBe(at)
  })

  it('trains again when the data changed (a stale model)', () => {
    const at = written()
    // One more order: the first event again.
    appendFileSync(join(data, 'events.csv'), readFileSync(join(data, 'events.csv'), 'utf8').split('\n')[1] + '\n')
    expect(prepare()).toBe('trained')
    expect(written()).toBeGreaterThan(at)
    expect(prepare()).toBe('reused')
  })

  it('trains again when the model is incomplete or its stamp is from other inputs', () => {
    rmSync(join(out, 'weights.bin'))
    expect(prepare()).toBe('trained')
    writeFileSync(join(out, 'inputs.sha256'), '0'.repeat(64) + '\n')
    const at = written()
    expect(prepare()).toBe('trained')
    expect(written()).toBeGreaterThan(at)
    rmSync(join(out, 'model.json'))
    expect(prepare()).toBe('trained')
    expect(prepare()).toBe('reused')
  })

  it('says what is missing instead of training without the built CLI', async () => {
    const { prepareDemoModel } = (await import(demoModelUrl)) as DemoModelModule
    expect(() => prepareDemoModel({ data, out, cli: join(dir, 'no-cli.mjs') })).toThrow(/missing .*no-cli\.mjs; run `npm run build` first/)
  })
})
