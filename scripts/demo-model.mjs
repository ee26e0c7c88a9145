// Pretrains the demo shop's model (demo/shop-model/, ignored by git) from demo/data with `localshelf pretrain`,
// unless it is already there and newer than both the data and the built CLI that trains it (a
// changed model must not be tested with a stale file). The demo pages load it with data-model.
import { execFileSync } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const out = join(root, 'demo/shop-model')
const data = join(root, 'demo/data')
const manifest = join(out, 'model.json')
const cli = join(root, 'dist/cli.mjs')
const inputs = [join(data, 'events.csv'), join(data, 'catalog.json'), cli].filter(existsSync)
const fresh = existsSync(manifest) && existsSync(cli) && statSync(manifest).mtimeMs > Math.max(...inputs.map((f) => statSync(f).mtimeMs))
if (fresh) console.log('demo shop model is up to date (demo/shop-model/, ignored by git)')
else {
  console.log('pretraining the demo shop model (about two minutes)…')
  execFileSync(process.execPath, [join(root, 'bin/localshelf.mjs'), 'pretrain', '--data', data, '--out', out, '--epochs', '1', '--minutes', '1.5'], { stdio: 'inherit' })
}
