/**
 * Awaits a transaction's requests; when it aborts, rejects with the transaction's own error (e.g.
 * QuotaExceededError) rather than the first request's generic AbortError, so callers can tell a
 * full disk from a broken database.
 */
export const settled = async (tx: { done: Promise<void>; error: DOMException | null }, steps: Promise<unknown>[]): Promise<void> => {
  try {
    await Promise.all(steps)
  } catch (error) {
    await tx.done.catch(() => {})
    throw tx.error ?? error
  }
}
