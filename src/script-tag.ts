// The script-tag entry: `<script src=".../localshelf.js" data-catalog="/catalog.json" defer>`.
// Initialises once, exposes window.Localshelf and defines <local-shelf>. Whatever goes wrong is
// reported on the console and never thrown into the host page.
//
// This file is the first-paint chunk: the element and the shelf view. The engine (catalog
// validation, ranking, IndexedDB, the worker client) is the ES module localshelf-engine.js beside
// it, imported at once; a returning shopper's shelves paint from their last rankings (the shelf
// cache) before it arrives, a first visit's shelves when it is ready, already ranked.
import type { Localshelf } from './app/engine'
import type { LocalshelfOptions } from './app/options'
import { hashString } from './core/random'
import type { BackendPreference } from './worker/backend-preference'
import { defineLocalShelf } from './element/local-shelf'
import { createLazyEngine } from './first-paint/lazy-engine'
import { createShelfCache } from './first-paint/shelf-cache'

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
  const options: LocalshelfOptions = {
    catalog: data.catalog,
    model: data.model,
    backend: (data.backend as BackendPreference | undefined) ?? 'auto',
    workerUrl: new URL('localshelf-worker.js', base).href,
    dbName: data.db,
    locale: data.locale,
    currency: data.currency,
    learn: data.learn !== 'false',
  }
  const load = import(/* @vite-ignore */ new URL('localshelf-engine.js', base).href).then(
    (chunk: { createLocalshelf: (options: LocalshelfOptions) => Localshelf }) => chunk.createLocalshelf(options),
  )
  // Cached shelves belong to one catalog and one shop model: a newly published model.json (same
  // text hash as the engine's fingerprint) must not paint rankings fine-tuned from the old one.
  const modelText = data.model
    ? fetch(new URL('model.json', new URL(data.model.replace(/\/?$/, '/'), location.href)), { credentials: 'same-origin' })
        .then((response) => (response.ok ? response.text() : ''))
        .catch(() => '')
    : Promise.resolve('')
  const cache = createShelfCache('localshelf-shelves:' + (data.db || 'localshelf'))
  const opened = modelText.then((text) => cache.open(JSON.stringify([data.catalog, data.model, hashString(text)])))
  // The engine is adopted only once the cache is open, so its rankings are stored under the right version.
  const shelf = createLazyEngine(Promise.all([load, opened]).then(([engine]) => engine), cache, options.locale, options.currency)
  window.Localshelf = shelf
  // A shelf paints at once from the cache when it holds this shopper's rankings, else once ready.
  defineLocalShelf(() => opened.then(() => (cache.any() ? shelf : shelf.ready.then(() => shelf))))
}

try {
  boot()
} catch (error) {
  console.error('Localshelf: failed to start:', error)
}
