/**
 * Returns a reporter that logs the first error it is given and ignores the rest: an engine that
 * fails on every re-rank must not flood the shop's console, and one line is enough to act on.
 *
 * @param what names the failing part for the message, e.g. `the "for-you" shelf`
 */
export function reportOnce(what: () => string): (error: unknown) => void {
  let reported = false
  return (error) => {
    if (!reported) {
      reported = true
      console.error(`Localshelf: ${what()} failed, so it stays empty:`, error)
    }
  }
}
