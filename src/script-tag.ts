// The script-tag entry: `<script src=".../localshelf.js" data-catalog="/catalog.json" defer>`.
// Initialises once, exposes window.Localshelf and defines <local-shelf>. Whatever goes wrong is
// reported on the console and never thrown into the host page.
//
// This file is the first-paint chunk: the element and the shelf view. The engine (catalog
// validation, ranking, IndexedDB, the worker client) is the ES module localshelf-engine.js beside
// it, imported at once; a returning shopper's shelves paint from their last rankings (the shelf
// cache) before it arrives, a first visit's trending and for-you shelves from the catalogue's rows
// (src/first-paint/), its other shelves when it is ready, already ranked.
import type { Localshelf } from './app/engine'
import type { LocalshelfOptions } from './app/options'
import type { EngineOptions } from './app/packaged-assets'
import { sameOriginOr } from './app/catalog-source'
import { hashString } from './core/random'
import type { BackendPreference } from './worker/backend-preference'
import { defineLocalShelf } from './element/local-shelf'
import type { Extras } from './app/extras-type'
import { createLazyEngine } from './first-paint/lazy-engine'
import { createShelfCache } from './first-paint/shelf-cache'
import { prefetch } from './first-paint/prefetch'
import { catalogHead } from './first-paint/catalog-head'
import { earlyShelf } from './first-paint/early-shelf'
import { earlyRows } from './first-paint/early-rows'

declare global {
  interface Window {
    Localshelf?: Localshelf
  }
}

/** A numeric data attribute, or undefined (with a warning naming it) when it does not parse. */
function number(text: string | undefined, name: string): number | undefined {
  if (text === undefined || text.trim() === '') return undefined
  const value = Number(text)
  if (isFinite(value)) return value
  console.warn(`Localshelf: ${name}="${text}" is not a number; the default is used`)
  return undefined
}

/**
 * A forced arm: `data-arm`, or for the shop's own testing `localStorage['localshelf:arm']`
 * ("model" or "holdout"), which pins one browser to an arm without touching the pages.
 */
function forcedArm(attribute: string | undefined): 'model' | 'holdout' | undefined {
  let value = attribute
  try {
    value ??= localStorage.getItem('localshelf:arm') ?? undefined
  } catch {
    // Storage disabled: the stored draw decides.
  }
  return value === 'model' || value === 'holdout' ? value : undefined
}

function aggregateTarget(value: string | undefined): LocalshelfOptions['onAggregate'] {
  if (value === undefined) return undefined
  if (value === 'event') return (report) => document.dispatchEvent(new CustomEvent('localshelf:aggregate', { detail: report }))
  console.warn(`Localshelf: data-aggregate="${value}" is not supported; use data-aggregate="event" (a localshelf:aggregate event on the document)`)
  return undefined
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
  // The lazy chunk is an ES module beside this file; a classic script may import() one.
  let extras: Promise<Extras> | undefined
  const loadExtras = () => (extras ??= import(/* @vite-ignore */ new URL('localshelf-panels.js', base).href) as Promise<Extras>)
  // The catalogue and the shop model are requested now, beside the engine's chunk; the engine
  // reads these responses (src/first-paint/prefetch.ts).
  const prefetched = prefetch(data.catalog, data.model)
  const options: EngineOptions = {
    prefetched,
    extras: loadExtras,
    catalog: data.catalog,
    model: data.model,
    backend: (data.backend as BackendPreference | undefined) ?? 'auto',
    workerUrl: new URL('localshelf-worker.js', base).href,
    dbName: data.db,
    locale: data.locale,
    currency: data.currency,
    learn: data.learn !== 'false',
    consent: data.consent === 'required' ? 'required' : undefined,
    honorGlobalPrivacyControl: data.gpc === 'honor' || data.gpc === 'honour',
    retentionDays: number(data.retentionDays, 'data-retention-days'),
    holdout: number(data.holdout, 'data-holdout'),
    arm: forcedArm(data.arm),
    attributionDays: number(data.attributionDays, 'data-attribution-days'),
    origins: data.origins?.split(/\s+/).filter(Boolean),
    // A script tag cannot pass a function: data-aggregate="event" hands the daily report to a
    // `localshelf:aggregate` event on the document, where the shop's own script can send it.
    onAggregate: aggregateTarget(data.aggregate),
    epsilon: number(data.epsilon, 'data-epsilon'),
  }
  const load = import(/* @vite-ignore */ new URL('localshelf-engine.js', base).href).then(
    (chunk: { createLocalshelf: (options: EngineOptions) => Localshelf }) => chunk.createLocalshelf(options),
  )
  // Cached shelves belong to one catalog and one shop model: a newly published model.json (same
  // text hash as the engine's fingerprint) must not paint rankings fine-tuned from the old one.
  const modelText = prefetched.model
    ? prefetched.model.then((response) => (response.ok ? response.clone().text() : '')).catch(() => '')
    : Promise.resolve('')
  const cache = createShelfCache('localshelf-shelves:' + (data.db || 'localshelf'))
  const opened = modelText.then((text) => cache.open(JSON.stringify([data.catalog, data.model, hashString(text)])))
  // The engine is adopted only once the cache is open, so its rankings are stored under the right version.
  // A first visit (nothing cached) paints a popularity shelf from the catalogue's rows, read from a
  // clone of the response the engine reads, whatever the catalogue's size (src/first-paint/early-rows.ts
  // says how many rows), so that no first shelf waits for the engine's chunk. A shopper with cached
  // rankings paints those; a shelf they lack waits for the engine (a popularity "for you" there
  // would show a returning shopper something less than their own).
  let early: ReturnType<typeof earlyShelf>
  const earlyRead = prefetched.catalog!.then(async (response) => {
    // Cloned at once, before the engine's chunk can have started reading the body; a returning
    // shopper's copy is read for no row (catalogHead cancels it).
    const copy = response.clone()
    await opened
    early = earlyShelf(await catalogHead(copy, !cache.any() && response.ok ? earlyRows(response.headers) : 0), sameOriginOr(options.origins))
  }).catch(() => undefined)
  const shelf = createLazyEngine(Promise.all([load, opened]).then(([engine]) => engine), cache, options.locale, options.currency, () => early)
  window.Localshelf = shelf
  // A shelf paints at once from the cache when it holds this shopper's rankings, else from the
  // catalogue's rows (the engine cannot be ready before they have arrived), else once ready.
  defineLocalShelf(() => opened.then(() => cache.any() || earlyRead.then((): unknown => early || shelf.ready)).then(() => shelf))
  // The privacy and stats panels are a separate ES module, fetched only by pages that hold one.
  const panels = () => {
    if (!document.querySelector('local-shelf-privacy,local-shelf-stats')) return
    loadExtras()
      .then((module) => module.definePanels(() => shelf.ready.then(() => shelf)))
      .catch((error) => console.error('Localshelf: the privacy/stats panels failed to load:', error))
  }
  if (document.readyState == 'loading') document.addEventListener('DOMContentLoaded', panels, { once: true })
  else panels()
}

try {
  boot()
} catch (error) {
  console.error('Localshelf: failed to start:', error)
}
