import { h, render } from 'preact'
import type { ShelfSource } from '../core/types'
import type { ShelfEngine, ShelfResult } from '../ui/engine-types'
import { reportOnce } from '../ui/report'
import { safeUrl } from '../ui/safe-url'
import { createShelfGate } from '../ui/shelf-gate'
import { ShelfView } from '../ui/ShelfView'
import { adoptStyles } from '../ui/styles'
import { createImpressionWatcher } from '../ui/visibility'
import { readAttributes } from './attributes'
import { templateRenderer } from './item-template'
import { needBox } from './need-box'
import { takeTurn } from '../ui/turn'
import { formatPrice } from '../ui/format'

/** `detail` of the `localshelf:render` event, dispatched after every render of a shelf. */
export type LocalShelfRenderDetail = {
  placement: string
  /** Ids of the shown items, in order; empty when the shelf is empty (and hidden). */
  items: string[]
  source: ShelfSource
  /** Set when the engine or the rendering failed, so the shelf is empty for that reason. */
  error?: true
}

/**
 * `detail` of the cancelable `localshelf:select` event, dispatched when the shopper follows a card
 * with a plain click, after the click is recorded. `preventDefault()` stops the browser's
 * navigation, so a client-side router can take over (`router.push(detail.url)`).
 */
export type LocalShelfSelectDetail = {
  /** The item's id. */
  id: string
  placement: string
  /** The card's link (safe http(s) or relative URL), absent when the item has none. */
  url?: string
  /** The card's position in the shelf, from 0. */
  index: number
}

/** The `status` attribute of a shelf: rendering, shown, empty (and hidden), or failed (and hidden). */
export type LocalShelfStatus = 'loading' | 'ready' | 'empty' | 'error'

/** The lifecycle hooks of one shelf element; the custom element class only forwards to them. */
export type ShelfController = {
  connect(): void
  disconnect(): void
  /** Re-renders in a microtask, so several attribute changes in a row render (and count impressions) once. */
  schedule(): void
}

let warmed: Promise<void> | undefined

// Render slightly before the shelf scrolls into view, so it is painted when the shopper gets
// there, yet a shelf far down the page costs nothing until then.
const NEAR_VIEWPORT = '300px'

/**
 * Drives one `<local-shelf>`: renders lazily once near the viewport, re-renders on attribute
 * changes and engine notifications, tracks clicks and impressions, and turns every failure into
 * an empty, hidden shelf plus one console error, never an exception in the host page.
 */
export function createShelfController(
  host: HTMLElement,
  getEngine: () => ShelfEngine | Promise<ShelfEngine>,
): ShelfController {
  const root = host.attachShadow({ mode: 'open' })
  // Preact keeps its tree state on the container; after a failed render a fresh container
  // guarantees the next render starts clean instead of diffing against a half-built tree.
  let mount = root.appendChild(document.createElement('div'))
  let engine: ShelfEngine | undefined
  let engineFailed = false
  let engineError: unknown
  let engineRequested = false
  let unsubscribe: (() => void) | undefined
  let observer: IntersectionObserver | undefined
  let connected = false
  let near = false
  let queued = false
  let placement = ''
  let hiddenByUs = false
  /** What the shopper typed into a `need` shelf's box (overrides the `query` attribute). */
  let typed: string | undefined
  let queryToRecord: string | undefined
  const setStatus = (status: LocalShelfStatus) => host.setAttribute('status', status)
  const report = reportOnce(() => `the <${host.localName} placement="${placement}"> shelf`)
  const gate = createShelfGate()
  const impressions = createImpressionWatcher((id, position, shelf) => {
    try {
      engine?.track('impression', id, { placement: shelf, position })
    } catch (error) {
      report(error)
    }
  })

  const currentRequest = () => {
    const read = readAttributes((name) => host.getAttribute(name))
    if (read.request.placement == 'need' && typed !== undefined) read.request.query = typed
    return read
  }

  const update = () => {
    queued = false
    if (!connected || !near || !(engine || engineFailed)) return
    const { request, heading } = currentRequest()
    placement = request.placement
    const need = placement == 'need'
    const template = host.querySelector(':scope > template') as HTMLTemplateElement | null
    let result: ShelfResult | undefined
    try {
      // Reported here rather than on rejection, so the message can name the placement.
      if (!engine) throw engineError
      adoptStyles(root)
      result = engine.recommend(request)
      const current = engine
      const shelf = result.items.length
        ? h(ShelfView, {
            result,
            // A need shelf's form carries the heading; its results are named by the query.
            heading: need ? (request.query ? `“${request.query}”` : engine.strings?.popularPicks || 'Popular picks') : heading,
            locale: engine.locale,
            currency: engine.currency,
            // Translated through the `strings` option, as the explanations are.
            labels: { previous: engine.strings?.previous, next: engine.strings?.next },
            renderItem: template ? templateRenderer(template, engine.locale, engine.currency) : undefined,
            onItemClick: (item, index, event) => {
              try {
                current.track('click', item.id, { placement: request.placement })
              } catch (error) {
                report(error)
              }
              // Only a plain primary click: a modified or middle click opens a tab, which a router must not take.
              if (event.type != 'click' || event.button || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return
              const detail: LocalShelfSelectDetail = { id: item.id, placement: request.placement, url: safeUrl(item.url), index }
              if (!host.dispatchEvent(new CustomEvent('localshelf:select', { bubbles: true, composed: true, cancelable: true, detail }))) event.preventDefault()
            },
          })
        : null
      render(need ? h('div', null, needBox(heading, engine.strings?.find || 'Find', request.query, (text) => { typed = queryToRecord = text; update() }), shelf) : shelf, mount)
    } catch (error) {
      report(error)
      result = undefined
      mount.replaceWith((mount = document.createElement('div')))
    }
    const items = result ? result.items.map((item) => item.id) : []
    if (result) gate.ranked(request, items, engine?.inputVersions?.())
    else gate.reset()
    const visible = items.length || (need && result)
    // Only undo a `hidden` we set ourselves: the page may hide a shelf on purpose.
    if (!visible && !host.hidden) host.hidden = hiddenByUs = true
    else if (visible && hiddenByUs) host.hidden = hiddenByUs = false
    impressions.watch(root.querySelectorAll('[part~=item]'), placement)
    // The query is an event like a view of its best match: the model learns from what was asked
    // for. It waits for a matched result: the first query may render popular picks while the
    // matching code loads.
    if (queryToRecord && result && items.length && result.source !== 'popular') {
      try {
        engine!.track('query', items[0], { placement, query: queryToRecord })
      } catch (error) {
        report(error)
      }
      queryToRecord = undefined
    }
    setStatus(result ? (items.length ? 'ready' : 'empty') : 'error')
    const detail: LocalShelfRenderDetail = { placement, items, source: result ? result.source : 'popular' }
    if (!result) detail.error = true
    host.dispatchEvent(new CustomEvent('localshelf:render', { bubbles: true, composed: true, detail }))
  }

  const schedule = () => {
    if (!queued) {
      queued = true
      queueMicrotask(update)
    }
  }

  // Runs once the shelf is connected and near the viewport.
  const start = () => {
    if (engine) {
      if (!unsubscribe) {
        try {
          // Only notifications that concern this shelf re-rank it (see createShelfGate).
          unsubscribe = engine.subscribe((change) => {
            let affected = true
            try {
              affected = gate.affects(change, currentRequest().request)
            } catch {
              // A bad attribute: the render reports it.
            }
            // No turn of its own here: the engine tells each shelf in a turn of its own already
            // (src/ui/turn.ts's tellEach), so when one change concerns several shelves (a view
            // re-ranks "for you" and "similar") each re-ranks in a task of its own, deferred once.
            if (affected) schedule()
          })
        } catch (error) {
          report(error)
        }
      }
      schedule()
    } else if (engineFailed) {
      schedule()
    } else if (!engineRequested) {
      engineRequested = true
      // The page's first Intl.NumberFormat loads the browser's number data (15-20 ms in Chromium):
      // in a task of its own while the engine loads, not inside the first shelf's render.
      warmed ??= takeTurn().then(() => void formatPrice(1, 'USD'))
      // `new Promise` also turns a synchronous throw of getEngine into a rejection.
      new Promise<ShelfEngine>((resolve) => resolve(getEngine())).then(
        // Shelves whose engine arrives together (all of them, when it becomes ready) render one
        // per task (see takeTurn), not all in the task that resolved it.
        (resolved) => takeTurn().then(() => {
          engine = resolved
          if (connected && near) start()
        }),
        (error) => {
          engineError = error
          engineFailed = true
          if (connected && near) start()
        },
      )
    }
  }

  const self: ShelfController = {
    connect() {
      connected = true
      // Not in the constructor: a custom element must not gain attributes while it is created.
      if (!host.hasAttribute('status')) setStatus('loading')
      if (near) return start()
      if (typeof IntersectionObserver != 'function') {
        near = true
        return start()
      }
      observer = new IntersectionObserver(
        (entries) => {
          if (entries.some((entry) => entry.isIntersecting)) {
            near = true
            observer?.disconnect()
            observer = undefined
            start()
          }
        },
        { rootMargin: NEAR_VIEWPORT },
      )
      observer.observe(host)
    },
    disconnect() {
      connected = false
      impressions.disconnect()
      observer?.disconnect()
      observer = undefined
      try {
        unsubscribe?.()
      } catch (error) {
        report(error)
      }
      unsubscribe = undefined
    },
    schedule,
  }
  return self
}
