import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
export default {
  mode: 'production',
  context: here,
  entry: './index.js',
  output: { path: join(here, 'dist'), filename: 'main.js', clean: true },
  performance: { hints: false },
}
