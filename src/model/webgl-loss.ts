// Notices when the WebGL backend loses its context (GPU reset, driver update, the browser
// reclaiming contexts, WEBGL_lose_context) so the training worker can move to another backend.
// tfjs-backend-webgl only drops the context from its cache on 'webglcontextlost'; its backend
// keeps the dead one, and a read in flight then polls a fence that never passes, for ever: the
// round never ends and nothing is reported. (No tfjs import: the backend object is passed in.)

/** What this file reads of tfjs-backend-webgl's MathBackendWebGL (fields, not a public API). */
interface WebGLBackendLike {
  gpgpu?: {
    gl?: { canvas?: unknown; isContextLost?(): boolean }
    itemsToPoll?: Array<{ resolveFn(): void }>
  }
}

export interface ContextLossWatch {
  /** Why the context is gone, once it is (the event fired or the context says so); else undefined. */
  lost(): string | undefined
  /** Settles like `work`, or rejects with ContextLostError as soon as the context is lost. */
  race<T>(work: Promise<T>): Promise<T>
  /**
   * Stops watching and ends tfjs's fence polling on the dead context: its pending reads resolve
   * (with garbage nobody uses), so the abandoned round runs to its own end and frees its tensors
   * instead of polling every few milliseconds for the worker's life.
   */
  release(): void
}

export class ContextLostError extends Error {
  constructor(reason: string) {
    super(reason)
    this.name = 'ContextLostError'
  }
}

const REASON = 'the WebGL context was lost'

/**
 * Watches the context of `backend` (tf.backend() right after setBackend('webgl')). `onLost` runs
 * once, from the 'webglcontextlost' event, so an idle worker recovers without waiting for a round.
 * Returns undefined when the backend has no canvas to watch (not webgl).
 */
export function watchContextLoss(backend: unknown, onLost: (reason: string) => void): ContextLossWatch | undefined {
  const gpgpu = (backend as WebGLBackendLike | undefined)?.gpgpu
  const gl = gpgpu?.gl
  const canvas = gl?.canvas as EventTarget | undefined
  if (!gl || typeof canvas?.addEventListener !== 'function') return undefined
  let reason: string | undefined
  const aborts = new Set<(error: Error) => void>()
  const listener = (): void => {
    if (reason) return
    reason = REASON
    for (const abort of aborts) abort(new ContextLostError(reason))
    aborts.clear()
    onLost(reason)
  }
  canvas.addEventListener('webglcontextlost', listener)
  const lost = (): string | undefined => {
    // The event is a task of its own: a round can end between the loss and the event.
    if (!reason && gl.isContextLost?.()) reason = REASON
    return reason
  }
  return {
    lost,
    race: <T>(work: Promise<T>): Promise<T> => {
      const why = lost()
      if (why) {
        // Abandoned: its own failure (on the dead context or a disposed tuner) is nobody's business.
        work.catch(() => undefined)
        return Promise.reject(new ContextLostError(why))
      }
      return new Promise<T>((resolve, reject) => {
        aborts.add(reject)
        work.then(resolve, reject).finally(() => aborts.delete(reject))
      })
    },
    release: () => {
      canvas.removeEventListener('webglcontextlost', listener)
      aborts.clear()
      const pending = gpgpu?.itemsToPoll
      if (!Array.isArray(pending)) return
      gpgpu!.itemsToPoll = []
      for (const item of pending) item.resolveFn()
    },
  }
}
