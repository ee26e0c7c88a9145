import type { FromWorker, ToWorker } from './protocol'

/** The page's handle on the training worker. */
export interface TrainerClient {
  send(message: ToWorker): void
  /** Asks the worker to drop its state; resolves once it has (so no save can land after an erase). */
  reset(weights: Extract<ToWorker, { kind: 'reset' }>['weights']): Promise<void>
  terminate(): void
}

/**
 * Starts the module worker. The worker is the lazily loaded ML chunk: tfjs and the model code
 * are only fetched here, after the first shelf has rendered.
 */
export function createTrainerClient(url: string | URL | (() => Worker) | undefined, onMessage: (message: FromWorker) => void): TrainerClient {
  // A function is the npm build's `new Worker(new URL(…, import.meta.url))`, which the app's bundler rewrites.
  if (!url) throw new Error('workerUrl is missing: pass the URL of localshelf-worker.js')
  const worker = typeof url === 'function' ? url() : new Worker(url, { type: 'module', name: 'localshelf-trainer' })
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
    onMessage({ kind: 'error', message: `training worker failed to load from ${typeof url === 'function' ? 'the package' : String(url)}: ${event.message || 'unknown error'}` })
    for (const resolve of pending.values()) resolve()
    pending.clear()
  }
  const self: TrainerClient = {
    send: (message) => worker.postMessage(message),
    reset: (weights) =>
      new Promise<void>((resolve) => {
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
