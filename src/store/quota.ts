// Telling a full disk from a broken database, and naming errors in console messages.

/** True for the error a browser gives when the origin's storage quota is exhausted. */
export const isQuotaError = (error: unknown): boolean => {
  const name = (error as { name?: unknown } | null)?.name
  // Old Firefox spelled it NS_ERROR_DOM_QUOTA_REACHED.
  return name === 'QuotaExceededError' || name === 'NS_ERROR_DOM_QUOTA_REACHED'
}

/** "Name: message" of an error (DOMExceptions often have an empty message), or the value as text. */
export const describeError = (error: unknown): string => {
  if (error && typeof error == 'object') {
    const { name, message } = error as { name?: unknown; message?: unknown }
    const parts = [name, message].filter((part) => typeof part == 'string' && part)
    if (parts.length) return parts.join(': ')
  }
  return String(error)
}
