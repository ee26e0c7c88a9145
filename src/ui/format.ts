// Price formatting. Creating an Intl.NumberFormat costs far more than using one, and a shelf
// formats the same (locale, currency) pair for every card, so formatters are cached.

const cache = new Map<string, Intl.NumberFormat | null>()

// Catalog currencies are shop data; a shop with garbage in that field must not grow the cache
// without bound. Real shops use a handful of pairs, so 32 is never reached in practice.
const CACHE_LIMIT = 32

function formatter(locale?: string, currency?: string): Intl.NumberFormat | null {
  const key = locale + '|' + currency
  let f = cache.get(key)
  if (f === undefined) {
    if (cache.size >= CACHE_LIMIT) cache.clear()
    try {
      f = new Intl.NumberFormat(
        locale,
        // Without a currency a price still reads as money, hence two fraction digits.
        currency ? { style: 'currency', currency } : { minimumFractionDigits: 2, maximumFractionDigits: 2 },
      )
    } catch {
      // Intl throws RangeError for a malformed currency code or locale tag; remember the miss.
      f = null
    }
    cache.set(key, f)
  }
  return f
}

/**
 * Formats a price for display, e.g. `formatPrice(12.5, 'EUR', 'de-DE')` gives "12,50 €".
 * Returns `undefined` when there is no finite price. An invalid locale falls back to the
 * browser's default locale; an invalid currency code falls back to a plain number.
 *
 * @param price    the amount, in major units (12.5 means twelve and a half)
 * @param currency ISO 4217 code; omitted means a plain number
 * @param locale   BCP 47 tag; omitted means the browser's locale
 */
export function formatPrice(price: unknown, currency?: string, locale?: string): string | undefined {
  if (typeof price !== 'number' || !isFinite(price)) return undefined
  // The last fallback has neither a locale nor a currency, so it cannot throw.
  const f = formatter(locale, currency) || formatter(undefined, currency) || formatter(locale) || formatter()
  return f!.format(price)
}
