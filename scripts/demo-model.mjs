// Pretrains the demo shop's model (public/shop-model/, ignored by git) from public/data with
// `localshelf pretrain`, unless the model there was trained from exactly the current inputs: the
// data files and the built CLI that trains it, compared by content hash (a rebuild that changes
// nothing keeps the model; a changed model must not be tested with a stale file). The demo pages
// load it with data-model. Quiet: one line, and the training log only when training fails.
// `--verbose` shows it all. scripts/demo-model.after-build.ts tests the decision with real runs.
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

/** Where `npm start` keeps the demo's model, its data and the CLI that trains it; how long it trains. */
export const DEMO_MODEL = {
  data: join(root, 'public/data'),
  out: join(root, 'public/shop-model'),
  cli: join(root, 'dist/cli.mjs'),
  train: ['--epochs', '1', '--minutes', '1.5'],
}

/**
 * Trains the model into `out` from `data` unless the one there was trained from exactly these
 * inputs (events.csv, catalog.json and the built CLI, by content hash) and is whole (model.json
 * and weights.bin). Returns what it did. Throws, with the training log in the message, when an
 * input is missing or the training fails.
 * @param {{ data?: string, out?: string, cli?: string, train?: string[], verbose?: boolean, log?: (line: string) => void }} [options]
 * @returns {'reused' | 'trained'}
 */
export function prepareDemoModel({ data = DEMO_MODEL.data, out = DEMO_MODEL.out, cli = DEMO_MODEL.cli, train = DEMO_MODEL.train, verbose = false, log = console.log } = {}) {
  const stamp = join(out, 'inputs.sha256')
  const inputs = [join(data, 'events.csv'), join(data, 'catalog.json'), cli]
  const missing = inputs.filter((f) => !existsSync(f))
  if (missing.length) throw new Error(`demo model: missing ${missing.join(', ')}; run \`npm run build\` first`)
  const hash = createHash('sha256')
  for (const file of inputs) hash.update(readFileSync(file))
  const digest = hash.digest('hex')
  const whole = existsSync(join(out, 'model.json')) && existsSync(join(out, 'weights.bin'))
  if (whole && existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === digest) {
    if (verbose) log(`demo shop model is up to date (${relative(process.cwd(), out)}, ignored by git)`)
    return 'reused'
  }
  log(`training the demo shop model from ${relative(process.cwd(), data) || '.'} (about two minutes, only when its inputs change)…`)
  // A training cut short must not leave a stamp that vouches for half-written files.
  rmSync(stamp, { force: true })
  try {
    execFileSync(process.execPath, [join(root, 'bin/localshelf.mjs'), 'pretrain', '--data', data, '--out', out, ...train], { stdio: verbose ? 'inherit' : 'pipe' })
  } catch (error) {
    throw new Error(`${String(error.stdout ?? '')}${String(error.stderr ?? '')}demo model: pretraining failed (log above)`)
  }
  writeFileSync(stamp, digest + '\n')
  return 'trained'
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    prepareDemoModel({ verbose: process.argv.includes('--verbose') })
  } catch (error) {
    console.error(error instanceof Error ? error.message : error)
    process.exit(1)
  }
}
