/**
 * Runs `callback` once, in a task of its own right after the next animation frame: work queued by
 * many events runs at most once per frame, and never inside the frame's rendering task (where it
 * would add to style, layout and paint and make one long task). A hidden tab gets no frames, so a
 * timer runs it there instead (and wherever requestAnimationFrame is missing: Node, workers).
 * Returns a cancel function.
 */
export function onNextFrame(callback: () => void, hiddenDelayMs = 100): () => void {
  let done = false
  let task: ReturnType<typeof setTimeout> | undefined
  const run = () => {
    if (done) return
    done = true
    cancel()
    callback()
  }
  const visible = typeof requestAnimationFrame === 'function' && (typeof document === 'undefined' || document.visibilityState !== 'hidden')
  const frame = visible ? requestAnimationFrame(() => (task = setTimeout(run))) : undefined
  // Also a backstop in a visible tab: it may be hidden before its next frame.
  const timer = setTimeout(run, visible ? hiddenDelayMs : 0)
  function cancel() {
    if (frame !== undefined) cancelAnimationFrame(frame)
    clearTimeout(timer)
    clearTimeout(task)
  }
  return () => {
    done = true
    cancel()
  }
}
