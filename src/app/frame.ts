/**
 * Runs `callback` once, at the next animation frame: ranking and rendering then happen at most once
 * per frame, right before paint. A hidden tab gets no frames, so a timer runs it there instead
 * (and wherever requestAnimationFrame is missing: Node, workers). Returns a cancel function.
 */
export function onNextFrame(callback: () => void, hiddenDelayMs = 100): () => void {
  let done = false
  const run = () => {
    if (done) return
    done = true
    if (frame !== undefined) cancelAnimationFrame(frame)
    clearTimeout(timer)
    callback()
  }
  const visible = typeof requestAnimationFrame === 'function' && (typeof document === 'undefined' || document.visibilityState !== 'hidden')
  const frame = visible ? requestAnimationFrame(run) : undefined
  // Also a backstop in a visible tab: it may be hidden before its next frame.
  const timer = setTimeout(run, visible ? hiddenDelayMs : 0)
  return () => {
    done = true
    if (frame !== undefined) cancelAnimationFrame(frame)
    clearTimeout(timer)
  }
}
