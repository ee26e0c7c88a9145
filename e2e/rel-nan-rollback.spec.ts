import { expect, test, type Worker } from '@playwright/test'
import { catalog, ready, tapWorkers, trainRounds, watch } from './helpers'

// Issue 10, promise 5: a round whose numbers go non-finite (a diverged step, a flaky GPU) rolls the
// worker back to the last good weights, says so in state().error, and the next rounds train from
// there. The NaN comes from the test, not from shipped code: a prelude prepended to the worker's
// bundle makes Math.sqrt (Adagrad's and Adam's updates) return NaN while it is poisoned.
const NAN_PRELUDE = `;(() => {
  const sqrt = Math.sqrt
  let poisoned = false
  Math.sqrt = (x) => (poisoned ? NaN : sqrt(x))
  self.__nan = { poison: (on) => { poisoned = on } }
})();
`
interface NanWorker { __nan: { poison(on: boolean): void } }

// The content-only start (the older trainer, Adagrad) and the demo's sequence shop model (the
// sequence fine-tune, whose Adam and plain-TS encoder take the same square root).
for (const [label, model] of [['', ''], [' (sequence shop model)', '&model=/shop-model/']]) {
  test(`a NaN in training rolls back to the last good weights, is reported, and training goes on${label}`, async ({ page }) => {
    const { errors } = await watch(page)
    const ids = (await catalog(page)).filter((p) => /christmas/i.test(p.title)).map((p) => p.id)
    await page.route((url) => url.pathname === '/localshelf-worker.js', async (route) => {
      const response = await route.fetch()
      await route.fulfill({ response, body: NAN_PRELUDE + (await response.text()) })
    })
    // Every set of weights the worker hands the page, checked for non-finite numbers.
    await tapWorkers(page)
    await page.addInitScript(() => {
      const seen: Array<{ finite: boolean; steps: number }> = []
      ;(window as unknown as { __weights: typeof seen }).__weights = seen
      window.__workerTaps.received.push((m) => {
        if (m.kind !== 'trained') return
        // A round that trained carries the rows it changed and the small shared tables.
        const w = (m.delta ?? { itemEmb: [], itemBias: [], userOffset: [], w: [] }) as Record<string, ArrayLike<number>>
        const finite = ['itemEmb', 'itemBias', 'userOffset', 'w'].every((k) => Array.prototype.every.call(w[k], Number.isFinite))
        seen.push({ finite, steps: m.steps as number })
      })
    })
    let worker: Worker | undefined
    page.on('worker', (w) => { if (w.url().includes('localshelf-worker')) worker = w })
    await page.goto(`/harness.html?backend=wasm&shelves=for-you${model}`)
    await ready(page)
    const [first] = await trainRounds(page, ids, 1)
    expect(first.trained).toBe(true)

    // One round with Adagrad's square root poisoned: its steps write NaN into the weights.
    await worker!.evaluate(() => (self as unknown as NanWorker).__nan.poison(true))
    await page.evaluate(async (list) => {
      for (const id of list) {
        window.Localshelf!.track('view', id)
        await new Promise((resolve) => setTimeout(resolve, 5))
      }
    }, ids.slice(3, 6))
    await page.waitForFunction(() => /rolled back to the last good weights/.test(window.Localshelf!.state().error ?? ''))
    await worker!.evaluate(() => (self as unknown as NanWorker).__nan.poison(false))
    const reported = await page.evaluate(() => window.Localshelf!.state())

    // Training goes on from the checkpoint: each later round trains, its weights finite.
    const rounds = await trainRounds(page, ids.slice(6), 3)
    const weights = await page.evaluate(() => (window as unknown as { __weights: Array<{ finite: boolean; steps: number }> }).__weights)
    console.log(`[nan rollback] error: "${reported.error}"; rounds after: lastTrainMs ${rounds.map((r) => r.lastTrainMs.toFixed(1)).join(', ')}; ` +
      `workerTensors ${first.workerTensors} before, ${rounds.map((r) => r.workerTensors).join(', ')} after; weights handed to the page: ${weights.map((w) => (w.finite ? 'finite' : 'NaN')).join(', ')}`)
    expect(reported.trained).toBe(true)
    expect(new Set(rounds.map((r) => r.trainRounds)).size).toBe(3)
    expect(rounds.every((r) => r.trained && r.backend === 'wasm')).toBe(true)
    expect(rounds.map((r) => r.workerTensors)).toEqual([first.workerTensors, first.workerTensors, first.workerTensors])
    expect(weights.filter((w) => w.steps > 0).length).toBeGreaterThanOrEqual(4)
    expect(weights.every((w) => w.finite)).toBe(true)
    const forYou = await page.evaluate(() => window.__renders.filter((r) => r.placement === 'for-you').pop())
    expect(forYou?.source).toBe('personal')
    // The rollback's report is the one console error (the widget logs what state().error says).
    expect(errors.filter((e) => !/rolled back to the last good weights/.test(e))).toEqual([])
  })
}
