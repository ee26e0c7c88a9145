import { expect, type Page } from '@playwright/test'

export interface RenderDetail { placement: string; items: string[]; source: string }

/** A spec's view of the page's traffic with its workers (see tapWorkers). */
export interface WorkerTaps {
  /** Called with every message a worker posts to the page. */
  received: Array<(message: Record<string, unknown>) => void>
  /** Called with every message the page posts to a worker, before it goes. */
  sent: Array<(message: Record<string, unknown>) => void>
}

declare global {
  interface Window {
    __renders: RenderDetail[]
    __errors: string[]
    __cspViolations: string[]
    __workerTaps: WorkerTaps
  }
}

/**
 * Wraps the page's `Worker` from the first script on, so that a spec's own init script can watch
 * the training worker's messages both ways: it pushes its functions onto
 * `window.__workerTaps.received` / `.sent` (its init script must be added after this one).
 */
export async function tapWorkers(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const taps: WorkerTaps = (window.__workerTaps = { received: [], sent: [] })
    const Base = window.Worker
    window.Worker = class extends Base {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options)
        this.addEventListener('message', (event) => {
          for (const tap of taps.received) tap((event as MessageEvent).data ?? {})
        })
      }
      postMessage(message: unknown, transfer?: Transferable[] | StructuredSerializeOptions): void {
        for (const tap of taps.sent) tap((message ?? {}) as Record<string, unknown>)
        if (Array.isArray(transfer)) super.postMessage(message, transfer)
        else super.postMessage(message, transfer)
      }
    }
  })
}

/** Records every localshelf:render event, page error and CSP violation from the first script on. */
export async function watch(page: Page): Promise<{ errors: string[]; foreign: string[] }> {
  const errors: string[] = []
  const foreign: string[] = []
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`))
  page.on('console', (message) => { if (message.type() === 'error') errors.push(`console: ${message.text()}`) })
  page.on('request', (request) => {
    const url = new URL(request.url())
    if (!['127.0.0.1', 'localhost'].includes(url.hostname) && !['data:', 'blob:'].includes(url.protocol)) foreign.push(request.url())
  })
  await page.addInitScript(() => {
    // Demo pages draw the device's arm at random; the tests that need the holdout force it.
    if (!localStorage.getItem('localshelf:arm')) localStorage.setItem('localshelf:arm', 'model')
    window.__renders = []
    window.__cspViolations = []
    document.addEventListener('localshelf:render', (event) => window.__renders.push((event as CustomEvent).detail))
    document.addEventListener('securitypolicyviolation', (event) => window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`))
  })
  return { errors, foreign }
}

/** Waits for a render of `placement` (from `source`, when given) and returns the latest such render. */
export async function waitForRender(page: Page, placement: string, source?: string): Promise<RenderDetail> {
  const handle = await page.waitForFunction(
    ([p, s]) => window.__renders.filter((r) => r.placement === p && (!s || r.source === s)).pop() ?? false,
    [placement, source] as const,
  )
  return (await handle.jsonValue()) as RenderDetail
}

export async function ready(page: Page): Promise<void> {
  await page.waitForFunction(() => window.Localshelf !== undefined)
  await page.evaluate(() => window.Localshelf!.ready)
}

export async function catalog(page: Page): Promise<Array<{ id: string; title: string }>> {
  const response = await page.request.get('/data/catalog.json')
  expect(response.ok()).toBe(true)
  return response.json()
}

export interface ExportedEvent { type: string; item: string; placement?: string; ts: number }

export interface ExportedImpressions { day: string; placement: string; arm: string; item: string; count: number }

/** The impression counts of `exportData()` (per UTC day, placement, arm and item; kept apart from the events). */
export async function exportedImpressions(page: Page): Promise<ExportedImpressions[]> {
  return page.evaluate(async () => ((await window.Localshelf!.exportData()) as { impressions: ExportedImpressions[] }).impressions)
}

/** The events of `exportData()`, typed for assertions. */
export async function exportedEvents(page: Page): Promise<ExportedEvent[]> {
  return page.evaluate(async () => ((await window.Localshelf!.exportData()) as { events: ExportedEvent[] }).events)
}

/** Views three products per round and waits until the worker has trained on them. */
export async function trainRounds(page: Page, ids: string[], rounds: number) {
  const states = []
  for (let round = 0; round < rounds; round++) {
    // Rounds are counted, not timed: two rounds may well report the same lastTrainMs (the worker's clock is coarse).
    const before = await page.evaluate(() => window.Localshelf!.state().trainRounds)
    // One view at a time, as a shopper browses: views in the same millisecond are one basket, which
    // teaches nothing (no next item) and must not make the shelf personal.
    await page.evaluate(async (list) => {
      for (const id of list) {
        window.Localshelf!.track('view', id)
        await new Promise((resolve) => setTimeout(resolve, 5))
      }
    }, ids.slice(round * 3, round * 3 + 3))
    await page.waitForFunction((t) => { const s = window.Localshelf!.state(); return s.trained && s.trainRounds > t }, before)
    states.push(await page.evaluate(() => window.Localshelf!.state()))
  }
  return states
}
