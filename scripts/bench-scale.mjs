// The scale table of issue 9, for `npm run bench`: the built widget (dist/localshelf.js through a
// script tag on e2e/pages/harness.html, three shelves) on seeded synthetic catalogues of 1k, 10k
// and 100k items (scripts/scale-catalog.mjs), in headless Chromium, medians of 3 runs.
//
// Everything is measured from outside the widget (events, state(), performance entries, CDP), so
// the same bench times the code before and after issue 9's changes:
// - first shelf / first personal shelf: `localshelf:render` events, stamped with performance.now()
//   (its origin is the navigation start);
// - long tasks: PerformanceObserver 'longtask' (buffered), attributed with 'long-animation-frame'
//   script entries where Chromium gives them;
// - a fine-tune result's main-thread cost: the page's Worker `onmessage` handler is wrapped (init
//   script) and timed for each 'trained' message, then the longest task overlapping the handler or
//   the 300 ms after it (the re-rank and re-render it schedules) is taken, from long tasks and,
//   after the first personal shelf, from the page's setTimeout callbacks (wrapped and timed);
// - one track('view'): the call itself, then a MessageChannel ping-pong probe for 100 ms whose
//   longest gap is the longest task that ran (a task under 50 ms is no long task);
// - memory: CDP Runtime.getHeapUsage after a forced GC, JS heap used + ArrayBuffer backing stores.
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { writePictures } from './product-pictures.mjs'
import { scaleCatalog } from './scale-catalog.mjs'

export const DEFAULT_SIZES = [1000, 10_000, 100_000]
export const PLACEMENTS = ['trending', 'for-you', 'similar', 'recent', 'cart', 'need']
const LONG_TASK_MS = 50
const FRAME_MS = 16
const TRAIN_BUDGET_MS = 200
const TRAIN_RATIO = 1.5
const MEMORY_MB = 40
const MB = 1e6

/** Writes `scale/catalog-N.json` and the pictures they name under `dir` (a root the bench serves). */
export function writeScaleData(dir, sizes) {
  const catalogs = new Map(sizes.map((size) => [size, scaleCatalog(size)]))
  mkdirSync(join(dir, 'scale'), { recursive: true })
  for (const [size, rows] of catalogs) writeFileSync(join(dir, 'scale', `catalog-${size}.json`), JSON.stringify(rows))
  writePictures(join(dir, 'scale/img'), [...catalogs.values()].flat())
  return catalogs
}

// Installed before any page script: render events, long tasks, long animation frames, and the
// timing of every message the page takes from a worker.
function instrument() {
  localStorage.setItem('localshelf:arm', 'model') // the personal model's arm, never the holdout
  const w = window
  w.__renders = []
  w.__long = []
  w.__loaf = []
  w.__worker = []
  document.addEventListener('localshelf:render', (e) => w.__renders.push({ placement: e.detail.placement, source: e.detail.source, items: e.detail.items.length, t: performance.now() }))
  new PerformanceObserver((list) => { for (const e of list.getEntries()) w.__long.push({ start: e.startTime, dur: e.duration }) }).observe({ type: 'longtask', buffered: true })
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        w.__loaf.push({ start: e.startTime, dur: e.duration, scripts: e.scripts.map((s) => ({ src: s.sourceURL, fn: s.sourceFunctionName, invoker: s.invoker, dur: s.duration })) })
      }
    }).observe({ type: 'long-animation-frame', buffered: true })
  } catch {}
  // Both ways a page can listen to a worker, so a change in src/worker/client.ts keeps the timing.
  const timed = (handler) => function (event) {
    const start = performance.now()
    try {
      return handler.call(this, event)
    } finally {
      const d = event.data ?? {}
      w.__worker.push({ kind: d.kind, ms: d.ms, steps: d.steps, start, dur: performance.now() - start })
    }
  }
  const slot = Object.getOwnPropertyDescriptor(Worker.prototype, 'onmessage')
  Object.defineProperty(Worker.prototype, 'onmessage', {
    configurable: true,
    get: slot.get,
    set(handler) {
      slot.set.call(this, typeof handler === 'function' ? timed(handler) : handler)
    },
  })
  const listen = Worker.prototype.addEventListener
  Worker.prototype.addEventListener = function (type, handler, ...rest) {
    return listen.call(this, type, type === 'message' && typeof handler === 'function' ? timed(handler) : handler, ...rest)
  }
  // A fine-tune result: the 'trained' message, or any message that carries a training time.
  w.__isUpdate = (m) => (m.kind === 'trained' || typeof m.ms === 'number') && (m.steps == null || m.steps > 0)
  // Timer callbacks timed too: the widget's follow-up tasks (the re-rank and re-render after new
  // weights) are setTimeout tasks, mostly under the 50 ms a long task needs. Switched on only after
  // the first personal shelf: a wrapped callback is this script's function to Chromium, so the
  // long-animation-frame entries of start-up would no longer name the widget's chunk.
  w.__timers = []
  const timeout = w.setTimeout
  w.__timeTimers = () => (w.setTimeout = function (fn, ms, ...rest) {
    if (typeof fn !== 'function') return timeout.call(this, fn, ms, ...rest)
    return timeout.call(this, function (...a) {
      const start = performance.now()
      try {
        return fn.apply(this, a)
      } finally {
        const dur = performance.now() - start
        if (dur >= 1) w.__timers.push({ start, dur })
      }
    }, ms, ...rest)
  })
  // The longest task overlapping [from, to] that we can see: a long task (50 ms or more) or a
  // timed timer callback; 0 when neither.
  const overlaps = (from, to) => (t) => t.start <= to && t.start + t.dur >= from
  w.__longest = (from, to) => [...w.__long, ...w.__timers].filter(overlaps(from, to)).reduce((m, t) => Math.max(m, t.dur), 0)
  // A probe for tasks under 50 ms: a MessageChannel ping-pong for `ms`; the longest gap between two
  // pings is the longest task that ran in between (to the 0.1 ms of a page's clock).
  w.__probe = (ms) => new Promise((done) => {
    const channel = new MessageChannel()
    let last = performance.now()
    const end = last + ms
    let worst = 0
    channel.port1.onmessage = () => {
      const now = performance.now()
      worst = Math.max(worst, now - last)
      last = now
      if (now < end) channel.port2.postMessage(0)
      else {
        channel.port1.close()
        done(worst)
      }
    }
    channel.port2.postMessage(0)
  })
}

const median = (xs) => {
  const v = xs.filter((x) => typeof x === 'number' && Number.isFinite(x)).sort((a, b) => a - b)
  return v.length ? v[Math.floor(v.length / 2)] : null
}
const sleep = (ms) => new Promise((done) => setTimeout(done, ms))

// Views of one category (in stock), as a shopper browsing a theme would make them.
function shopperPlan(rows) {
  const first = rows.find((r) => r.inStock)
  const views = rows.filter((r) => r.inStock && r.category === first.category).slice(0, 8)
  const words = [...new Set(rows.slice(0, 200).flatMap((r) => [r.tags[1] + ' ' + r.tags[0], r.tags[0]]))]
  return { views: views.map((r) => r.id), similar: rows.filter((r) => r.inStock).slice(8, 17).map((r) => r.id), queries: words.slice(0, 9) }
}

/** One cold page load of a catalogue of `size` items through personalisation; every figure of one run. */
async function oneRun(browser, baseURL, size, rows) {
  const plan = shopperPlan(rows)
  const context = await browser.newContext({ baseURL })
  try {
    const page = await context.newPage()
    page.on('pageerror', (error) => console.error(`  [${size}] page error: ${error.message}`))
    await page.addInitScript(instrument)
    await page.goto(`/harness.html?backend=wasm&shelves=for-you,similar,trending&item=${plan.views[0]}&catalog=/scale/catalog-${size}.json`)
    const long = { timeout: Number(process.env.BENCH_WAIT_MS ?? 120_000) }
    const firstShelf = await (await page.waitForFunction(() => window.__renders.find((r) => r.items > 0)?.t, null, long)).jsonValue()
    await page.waitForFunction(() => window.Localshelf !== undefined)
    await page.evaluate(() => window.Localshelf.ready)
    // Three views as soon as the widget is ready, then the first personal "for you" shelf.
    // 20 ms apart: events of the same millisecond are one basket, and a single basket has no
    // history to learn a next item from (core/training.ts buildExamples).
    const viewsAt = await page.evaluate(async (ids) => {
      const t = performance.now()
      for (const id of ids) {
        window.Localshelf.track('view', id)
        await new Promise((done) => setTimeout(done, 20))
      }
      return t
    }, plan.views.slice(0, 3))
    // No personal shelf within the wait (the worker failed, say) is a result, not a crash: the run
    // records null and the widget's error, and goes on with what it can still measure.
    const firstPersonal = await page.waitForFunction(() => window.__renders.find((r) => r.placement === 'for-you' && r.source === 'personal')?.t, null, long)
      .then((handle) => handle.jsonValue(), async () => {
        const state = await page.evaluate(() => window.Localshelf.state())
        console.error(`  [${size}] no personal "for you" shelf within ${long.timeout / 1000} s (backend ${state.backend}, trained ${state.trained}${state.error ? `, error: ${state.error}` : ''})`)
        return null
      })
    const startup = await page.evaluate((personalAt) => {
      const until = personalAt ?? performance.now()
      const script = performance.getEntriesByType('resource').find((e) => new URL(e.name).pathname === '/localshelf.js')
      const from = script ? script.startTime : 0
      const tasks = window.__long.filter((t) => t.start >= from && t.start <= until)
      const worst = tasks.reduce((m, t) => (t.dur > (m?.dur ?? 0) ? t : m), undefined)
      // The scripts Chromium names in the long animation frames around the worst task.
      const scripts = worst ? window.__loaf.filter((f) => f.start <= worst.start + worst.dur && f.start + f.dur >= worst.start).flatMap((f) => f.scripts) : []
      const top = scripts.sort((a, b) => b.dur - a.dur).slice(0, 2).map((s) => `${s.src ? new URL(s.src).pathname.split('/').pop() : '(no source: a promise settled by it)'}${s.fn ? ':' + s.fn : ''} via ${s.invoker} ${s.dur.toFixed(0)} ms`)
      return { longest: worst?.dur ?? 0, count: tasks.length, attribution: top.join('; ') }
    }, firstPersonal)

    await page.evaluate(() => window.__timeTimers())
    // Five more views, one at a time: the track() task, then the fine-tune it causes.
    const track = []
    let recommend
    for (let v = 3; v < plan.views.length; v++) {
      const before = await page.evaluate(() => window.__worker.filter(window.__isUpdate).length)
      track.push(await page.evaluate(async (id) => {
        const t0 = performance.now()
        window.Localshelf.track('view', id)
        const sync = performance.now() - t0
        const gap = await window.__probe(100)
        return Math.max(sync, gap, window.__longest(t0, t0 + 100))
      }, plan.views[v]))
      const wait = firstPersonal === null ? 5000 : 120_000
      await page.waitForFunction((n) => window.__worker.filter(window.__isUpdate).length > n, before, { timeout: wait }).catch(() => console.error(`  [${size}] no fine-tune result within ${wait / 1000} s after view ${v + 1}`))
      await sleep(350) // the window after the result in which its re-rank and re-render run
      if (v === 4) recommend = await page.evaluate(timePlacements, { ...plan, placements: PLACEMENTS })
    }
    // Rounds that took no step (nothing new to learn from) post their result too: not an update.
    const updates = await page.evaluate(() => window.__worker.filter(window.__isUpdate).map((m) => ({ ms: m.ms, steps: m.steps, handler: m.dur, task: Math.max(m.dur, window.__longest(m.start, m.start + m.dur + 300)) })))
    const state = await page.evaluate(() => window.Localshelf.state())

    const cdp = await context.newCDPSession(page)
    await cdp.send('HeapProfiler.collectGarbage')
    const heap = await cdp.send('Runtime.getHeapUsage')
    return {
      firstShelf,
      firstPersonal,
      viewToPersonal: firstPersonal === null ? null : firstPersonal - viewsAt,
      longest: startup.longest,
      longTasks: startup.count,
      attribution: startup.attribution,
      updateTask: median(updates.map((u) => u.task)),
      updateTaskMax: updates.length ? Math.max(...updates.map((u) => u.task)) : null,
      trainFirst: updates[0]?.ms ?? null,
      trainLater: median(updates.slice(1).map((u) => u.ms)),
      updates,
      track: median(track),
      recommend,
      memoryMB: (heap.usedSize + (heap.backingStorageSize ?? 0)) / MB,
      memoryKind: heap.backingStorageSize === undefined ? 'JS heap used' : 'JS heap used + ArrayBuffer backing stores',
      backend: state.backend,
      catalogSize: state.catalogSize,
      error: state.error,
    }
  } finally {
    await context.close()
  }
}

// In the page: each placement's recommend() time, median of 7 calls after 2 warm-ups, with a
// different item / query per call where the placement takes one (no cache answers for free).
function timePlacements({ placements, views, similar, queries }) {
  const out = {}
  for (const placement of placements) {
    const times = []
    for (let k = 0; k < 9; k++) {
      const request = { placement, limit: 10 }
      if (placement === 'similar') request.item = similar[k]
      if (placement === 'cart') request.items = [views[k % views.length], similar[k]]
      if (placement === 'need') request.query = queries[k % queries.length]
      const t = performance.now()
      window.Localshelf.recommend(request)
      times.push(performance.now() - t)
    }
    out[placement] = times.slice(2).sort((a, b) => a - b)[3]
  }
  return out
}

/** Runs every size `runs` times; returns per size the runs and their medians. */
export async function measureScale({ browser, baseURL, catalogs, runs = 3, log = console.log }) {
  const results = {}
  for (const [size, rows] of catalogs) {
    const all = []
    for (let r = 0; r < runs; r++) {
      const started = Date.now()
      const run = await oneRun(browser, baseURL, size, rows)
      all.push(run)
      log(`  scale ${size}: run ${r + 1}/${runs} in ${((Date.now() - started) / 1000).toFixed(0)} s (backend ${run.backend}, first shelf ${run.firstShelf.toFixed(0)} ms, longest task ${run.longest.toFixed(0)} ms)`)
    }
    const pick = (f) => all.map(f)
    const med = {}
    for (const key of ['firstShelf', 'firstPersonal', 'viewToPersonal', 'longest', 'longTasks', 'updateTask', 'updateTaskMax', 'trainFirst', 'trainLater', 'track', 'memoryMB']) {
      med[key] = { median: median(pick((x) => x[key])), min: Math.min(...pick((x) => x[key] ?? Infinity)), max: Math.max(...pick((x) => x[key] ?? -Infinity)), missing: pick((x) => x[key]).filter((x) => x == null).length }
    }
    for (const p of PLACEMENTS) {
      const xs = pick((x) => x.recommend?.[p])
      med[`recommend:${p}`] = { median: median(xs), min: Math.min(...xs.filter(Number.isFinite)), max: Math.max(...xs.filter(Number.isFinite)), missing: xs.filter((x) => x == null).length }
    }
    results[size] = { runs: all, median: med, backend: all[0].backend, memoryKind: all[0].memoryKind, attribution: all.map((x) => x.attribution).filter(Boolean), errors: [...new Set(all.map((x) => x.error).filter(Boolean))] }
  }
  return results
}

const ROWS = [
  ['firstShelf', 'navigation -> first shelf (render event)', 'ms'],
  ['firstPersonal', 'navigation -> first personal shelf (3 views at ready)', 'ms'],
  ['viewToPersonal', 'first view -> first personal shelf', 'ms'],
  ['longest', 'longest main-thread task, script start -> personal', 'ms'],
  ['longTasks', 'long tasks (50 ms+), script start -> personal', ''],
  ['updateTask', 'main-thread task per fine-tune result (median)', 'ms'],
  ['updateTaskMax', 'main-thread task per fine-tune result (worst)', 'ms'],
  ['trainFirst', 'worker update lastTrainMs, first', 'ms'],
  ['trainLater', 'worker update lastTrainMs, later (median)', 'ms'],
  ['track', "one track('view') task", 'ms'],
  ...PLACEMENTS.map((p) => [`recommend:${p}`, `recommend(${p}) after 5 views`, 'ms']),
  ['memoryMB', 'main-thread memory after personalisation', 'MB'],
]

const fmt = (x) => (x == null || !Number.isFinite(x) ? '-' : Number.isInteger(x) || x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2))

/** The table as Markdown: rows x sizes, "median (min-max)", and the largest/smallest size ratio. */
export function scaleTable(results) {
  const sizes = Object.keys(results).map(Number).sort((a, b) => a - b)
  const label = (n) => (n >= 1000 && n % 1000 === 0 ? `${n / 1000}k` : String(n))
  const [lo, hi] = [sizes[0], sizes[sizes.length - 1]]
  const lines = [`| | ${sizes.map(label).join(' | ')} | ${label(hi)}/${label(lo)} |`, `|---|${sizes.map(() => '---|').join('')}---|`]
  for (const [key, name, unit] of ROWS) {
    const cells = sizes.map((s) => {
      const { median: m, min, max, missing } = results[s].median[key]
      const none = missing ? ` [none in ${missing}/${results[s].runs.length} runs]` : ''
      // No long task at all reads "< 50": start-up sees only long tasks (the clock of a task under
      // 50 ms is not observable without wrapping the widget's callbacks).
      if (key === 'longest' && m === 0 && max === 0) return `< ${LONG_TASK_MS} ms (none)${none}`
      return m == null ? `-${none}` : `${fmt(m)}${unit && ' ' + unit}${results[s].runs.length - missing > 1 ? ` (${fmt(min)}–${fmt(max)})` : ''}${none}`
    })
    const a = results[lo].median[key].median
    const b = results[hi].median[key].median
    lines.push(`| ${name} | ${cells.join(' | ')} | ${a && b != null && sizes.length > 1 ? (b / a).toFixed(2) + 'x' : '-'} |`)
  }
  return lines
}

/** One line per issue-9 budget: ok, over, or n/a when the sizes it needs were not run. */
export function scaleBudgets(results) {
  const sizes = Object.keys(results).map(Number).sort((a, b) => a - b)
  const m = (size, key) => results[size]?.median[key]?.median
  const all = (key) => sizes.map((s) => m(s, key))
  const worst = (key) => Math.max(...all(key).map((x) => x ?? Infinity))
  const big = results[100_000] ? 100_000 : undefined
  const wasm = sizes.every((s) => results[s].backend === 'wasm')
  const out = []
  const line = (name, value, ok, unit = 'ms') => out.push({ name, value, ok, text: `${ok === undefined ? 'n/a ' : ok ? 'ok  ' : 'over'}  ${name}: ${value == null ? 'not measured' : fmt(value) + ' ' + unit}` })
  const at = sizes.map((s) => `${s / 1000}k`).join('/')
  const missed = sizes.reduce((n, s) => n + results[s].median.firstPersonal.missing, 0)
  const total = sizes.reduce((n, s) => n + results[s].runs.length, 0)
  out.push({ name: 'a personal shelf in every run', value: total - missed, ok: missed === 0, text: `${missed === 0 ? 'ok  ' : 'over'}  a personal "for you" shelf within the wait in every run at every size: ${total - missed} of ${total} runs` })
  line(`longest main-thread task, script start -> first personal shelf < ${LONG_TASK_MS} ms at every size (${at}, worst)`, worst('longest'), worst('longest') < LONG_TASK_MS)
  line(`main-thread task per fine-tune result < ${LONG_TASK_MS} ms at every size (worst median)`, worst('updateTask'), worst('updateTask') < LONG_TASK_MS)
  const ratio = results[1000] && big ? m(big, 'trainLater') / m(1000, 'trainLater') : undefined
  line(`lastTrainMs (later updates) 100k/1k < ${TRAIN_RATIO}x`, ratio, ratio === undefined ? undefined : ratio < TRAIN_RATIO, 'x')
  line(`lastTrainMs later updates < ${TRAIN_BUDGET_MS} ms on wasm at every size (worst)`, worst('trainLater'), wasm ? worst('trainLater') < TRAIN_BUDGET_MS : undefined)
  line(`lastTrainMs first update < ${TRAIN_BUDGET_MS} ms on wasm at every size (worst)`, worst('trainFirst'), wasm ? worst('trainFirst') < TRAIN_BUDGET_MS : undefined)
  for (const p of PLACEMENTS) line(`recommend(${p}) < ${FRAME_MS} ms at 100k`, big && m(big, `recommend:${p}`), big ? m(big, `recommend:${p}`) < FRAME_MS : undefined)
  line(`one track('view') task < ${FRAME_MS} ms at 100k (no synchronous re-rank)`, big && m(big, 'track'), big ? m(big, 'track') < FRAME_MS : undefined)
  line(`main-thread memory < ${MEMORY_MB} MB at 100k after personalisation`, big && m(big, 'memoryMB'), big ? m(big, 'memoryMB') < MEMORY_MB : undefined, 'MB')
  return out
}
