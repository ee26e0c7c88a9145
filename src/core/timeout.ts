/**
 * `promise`, or a rejection with `message` once `ms` have passed without it settling. The timer is
 * cleared when the promise wins, so a settled call leaves nothing scheduled.
 */
export const withTimeout = <T>(promise: Promise<T>, ms: number, message: string): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new TimeoutError(message)), ms)
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error) => (clearTimeout(timer), reject(error)),
    )
  })

export class TimeoutError extends Error {
  override name = 'TimeoutError'
}
