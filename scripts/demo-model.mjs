// Pretrains the demo shop's model (public/shop-model/, ignored by git) from public/data with
// `localshelf pretrain`, unless the model there was trained from exactly the current inputs: the
// data files and the built CLI that trains it, compared by content hash (a rebuild that changes
// nothing keeps the model; a changed model must not be tested with a stale file). The demo pages
// load it with data-model. Quiet: one line, and the training log only when training fails.
// `--verbose` shows it all.
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const out = join(root, 'public/shop-model')
const data = join(root, 'public/data')
const stamp = join(out, 'inputs.sha256')
const inputs = [join(data, 'events.csv'), join(data, 'catalog.json'), join(root, 'dist/cli.mjs')]
const verbose = process.argv.includes('--verbose')

const missing = inputs.filter((f) => !existsSync(f))
if (missing.length) {
  console.error(`demo model: missing ${missing.join(', ')}; run \`npm run build\` first`)
  process.exit(1)
}
const hash = createHash('sha256')
for (const file of inputs) hash.update(readFileSync(file))
const digest = hash.digest('hex')
const fresh = existsSync(join(out, 'model.json')) && existsSync(stamp) && readFileSync(stamp, 'utf8').trim() === digest
if (fresh) {
  if (verbose) console.log('demo shop model is up to date (public/shop-model/, ignored by git)')
} else {
  console.log('training the demo shop model from public/data (about two minutes, only when its inputs change)…')
  try {
    execFileSync(process.execPath, [join(root, 'bin/localshelf.mjs'), 'pretrain', '--data', data, '--out', out, '--epochs', '1', '--minutes', '1.5'], { stdio: verbose ? 'inherit' : 'pipe' })
  } catch (error) {
    process.stderr.write(String(error.stdout ?? '') + String(error.stderr ?? ''))
    console.error('demo model: pretraining failed (log above)')
    process.exit(1)
  }
  writeFileSync(stamp, digest + '\n')
}
