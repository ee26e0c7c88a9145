// The end-to-end tests' server: the demo shop (built widget + demo pages) plus the test pages.
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { mkdirSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { writePictures } from '../scripts/product-pictures.mjs'
import { createServer } from '../scripts/serve.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
// The demo's product pictures, as `npm start` draws them.
writePictures(join(root, 'public/img/p'), JSON.parse(readFileSync(join(root, 'public/data/catalog.json'), 'utf8')))
const port = Number(process.env.PORT ?? 5199)
// Files the specs generate (e2e/long-task-scale.spec.ts: large catalogues), outside the repository;
// served by this server like any file, not through Playwright's routing (DevTools keeps a decoded
// copy of every routed body, a task the widget does not cause).
const generated = join(tmpdir(), `localshelf-e2e-${port}`)
mkdirSync(generated, { recursive: true })
const { url } = await createServer({
  roots: [join(root, 'dist'), join(root, 'public'), join(root, 'e2e/pages'), generated],
  port,
})
console.log(`e2e server: ${url}`)
