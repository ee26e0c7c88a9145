import { createReadStream } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { basename, join, resolve } from 'node:path'
import { createDatasetBuilder } from './dataset'
import type { Dataset } from './dataset'

/**
 * Reads `DIR/catalog.json` and streams `DIR/events.csv` (so a large file never sits in memory
 * twice). Errors name the file and say what it must contain.
 */
export async function readDataset(dir: string): Promise<Dataset> {
  const root = resolve(dir)
  const catalogPath = join(root, 'catalog.json')
  const eventsPath = join(root, 'events.csv')
  let catalogText: string
  try {
    catalogText = await readFile(catalogPath, 'utf8')
  } catch (error) {
    throw new Error(`cannot read ${catalogPath} (${(error as Error).message}); --data must be a directory holding catalog.json and events.csv`)
  }
  let catalog: unknown
  try {
    catalog = JSON.parse(catalogText)
  } catch (error) {
    throw new Error(`${catalogPath} is not valid JSON (${(error as Error).message}); it must be an array of products like [{"id": "sku-1"}]`)
  }
  const builder = createDatasetBuilder(basename(root), catalog)
  try {
    const stream = createReadStream(eventsPath, { encoding: 'utf8', highWaterMark: 1 << 20 })
    for await (const chunk of stream) builder.push(chunk as string)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT' || code === 'EISDIR' || code === 'EACCES') {
      throw new Error(`cannot read ${eventsPath} (${(error as Error).message}); it must be a CSV with the header user,item,ts,type`)
    }
    throw error
  }
  return builder.finish()
}
