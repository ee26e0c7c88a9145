/**
 * Runs `callback` once, in a task of its own right after the next animation frame: work queued by
 * many events runs at most once per frame, and never inside the frame's rendering task (where it
 * would add to style, layout and paint and make one long task). A hidden tab gets no frames, so a
 * timer runs it there instead (and wherever requestAnimationFrame is missing: Node, workers); in a
 * visible tab the timer is a backstop, for a tab hidden before its next frame.
 */
export function onNextFrame(callback: () => void): void {
  let done = false
  const run = () => {
    if (!done) {
      done = true
      callback()
    }
  }
  const visible = typeof requestAnimationFrame == 'function' && (typeof document == 'undefined' || document.visibilityState != 'hidden')
  if (visible) requestAnimationFrame(() => setTimeout(run))
  setTimeout(run, visible ? 100 : 0)
}
