import type { FromWorker, ToWorker } from './protocol'
import { workerScriptURL } from './trusted-url'

/** The page's handle on the training worker. */
export interface TrainerClient {
  send(message: ToWorker): void
  /** Asks the worker to drop its state; resolves once it has (so no save can land after an erase). */
  reset(weights: Extract<ToWorker, { kind: 'reset' }>['weights']): Promise<void>
  terminate(): void
  /** True once the worker failed to load or crashed: it will never answer again. */
  readonly failed: boolean
}

/**
 * Starts the module worker. The worker is the lazily loaded ML chunk: tfjs and the model code
 * are only fetched here, after the first shelf has rendered.
 */
export function createTrainerClient(url: string | URL | (() => Worker) | undefined, onMessage: (message: FromWorker) => void): TrainerClient {
  // A function is the npm build's `new Worker(new URL(…, import.meta.url))`, which the app's bundler rewrites.
  if (!url) throw new Error('workerUrl is missing: pass the URL of localshelf-worker.js')
  const worker = typeof url === 'function' ? url() : new Worker(workerScriptURL(String(url)), { type: 'module', name: 'localshelf-trainer' })
  let failed = false
  let nextId = 1
  const pending = new Map<number, () => void>()
  worker.onmessage = (event: MessageEvent<FromWorker>) => {
    const message = event.data
    if (message.kind === 'reset-done') {
      pending.get(message.id)?.()
      pending.delete(message.id)
    }
    onMessage(message)
  }
  worker.onerror = (event) => {
    event.preventDefault()
    failed = true
    onMessage({ kind: 'error', message: `training worker failed to load from ${typeof url === 'function' ? 'the package' : String(url)}: ${event.message || 'unknown error'}` })
    for (const resolve of pending.values()) resolve()
    pending.clear()
  }
  const self: TrainerClient = {
    send: (message) => worker.postMessage(message),
    get failed() {
      return failed
    },
    reset: (weights) =>
      new Promise<void>((resolve, reject) => {
        // A dead worker never replies: say so at once instead of leaving the caller to time out.
        if (failed) return reject(new Error('the training worker is not running'))
        const id = nextId++
        pending.set(id, resolve)
        worker.postMessage({ kind: 'reset', weights, id } satisfies ToWorker)
      }),
    terminate: () => {
      worker.terminate()
      for (const resolve of pending.values()) resolve()
      pending.clear()
    },
  }
  return self
}
