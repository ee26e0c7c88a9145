// The end-to-end tests' server: the demo shop (built widget + demo pages) plus the test pages.
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { readFileSync } from 'node:fs'
import { writePictures } from '../scripts/product-pictures.mjs'
import { createServer } from '../scripts/serve.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
// The demo's product pictures, as `npm start` draws them.
writePictures(join(root, 'public/img/p'), JSON.parse(readFileSync(join(root, 'public/data/catalog.json'), 'utf8')))
const { url } = await createServer({
  roots: [join(root, 'dist'), join(root, 'public'), join(root, 'e2e/pages')],
  port: Number(process.env.PORT ?? 5199),
})
console.log(`e2e server: ${url}`)
