// `npm start`: builds the widget, trains the demo shop model when its inputs changed, and serves
// the demo shop. Quiet: it prints the URL (and one line while a model trains); the build's
// output only when it fails. `--prepare-only` stops before serving: `npm run dev` and
// `npm run preview` then hand the prepared public/ and dist/ to Vite's own servers.
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const node = (script, stdio, args = []) => execFileSync(process.execPath, [join(root, script), ...args], { stdio, cwd: root })

try {
  // `vite build`: vite.config.ts builds every artefact into dist/.
  node('node_modules/vite/bin/vite.js', ['ignore', 'pipe', 'pipe'], ['build'])
} catch (error) {
  process.stderr.write(String(error.stdout ?? '') + String(error.stderr ?? ''))
  console.error('npm start: the build failed (output above)')
  process.exit(1)
}
// Product pictures drawn from the catalog's titles (public/img/p/, ignored by git).
const { writePictures } = await import('./product-pictures.mjs')
writePictures(join(root, 'public/img/p'), JSON.parse(readFileSync(join(root, 'public/data/catalog.json'), 'utf8')))
try {
  node('scripts/demo-model.mjs', 'inherit')
} catch {
  process.exit(1)
}
if (process.argv.includes('--prepare-only')) process.exit(0)
const { main } = await import('./serve.mjs')
main().catch((error) => {
  console.error(`serve: ${error instanceof Error ? error.message : error}`)
  process.exit(1)
})
