// Pretrains the demo shop's model (demo/shop-model/, ignored by git) from demo/data with `localshelf pretrain`,
// unless it is already there and newer than the data. The demo pages load it with data-model.
import { execFileSync } from 'node:child_process'
import { existsSync, statSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const out = join(root, 'demo/shop-model')
const data = join(root, 'demo/data')
const manifest = join(out, 'model.json')
const fresh = existsSync(manifest) && statSync(manifest).mtimeMs > Math.max(statSync(join(data, 'events.csv')).mtimeMs, statSync(join(data, 'catalog.json')).mtimeMs)
if (fresh) console.log('demo shop model is up to date (demo/shop-model/, ignored by git)')
else {
  console.log('pretraining the demo shop model (about a minute)…')
  execFileSync(process.execPath, [join(root, 'bin/localshelf.mjs'), 'pretrain', '--data', data, '--out', out, '--epochs', '1'], { stdio: 'inherit' })
}
