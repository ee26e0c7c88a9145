// The script-tag entry: `<script src=".../localshelf.js" data-catalog="/catalog.json" defer>`.
// Initialises once, exposes window.Localshelf and defines <local-shelf>. Whatever goes wrong is
// reported on the console and never thrown into the host page.
import { createLocalshelf, type Localshelf } from './app/engine'
import type { BackendPreference } from './worker/protocol'
import { defineLocalShelf } from './element/local-shelf'

declare global {
  interface Window {
    Localshelf?: Localshelf
  }
}

function boot(): void {
  if (window.Localshelf) return
  const script = document.currentScript as HTMLScriptElement | null
  const data = script?.dataset ?? {}
  // Chunks and the worker live beside this file, wherever the shop serves it from.
  const base = script?.src || location.href
  if (!data.catalog) {
    console.error('Localshelf: the script tag needs data-catalog, e.g. <script src="/localshelf.js" data-catalog="/catalog.json" defer>')
    return
  }
  const shelf = createLocalshelf({
    catalog: data.catalog,
    model: data.model,
    backend: (data.backend as BackendPreference | undefined) ?? 'auto',
    workerUrl: new URL('localshelf-worker.js', base).href,
    dbName: data.db,
    locale: data.locale,
    currency: data.currency,
    learn: data.learn !== 'false',
    origins: data.origins?.split(/\s+/).filter(Boolean),
  })
  window.Localshelf = shelf
  // Shelves render once the catalog and stored state are in, so the first paint is already ranked.
  defineLocalShelf(() => shelf.ready.then(() => shelf))
}

try {
  boot()
} catch (error) {
  console.error('Localshelf: failed to start:', error)
}
