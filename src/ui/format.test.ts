import { describe, expect, it } from 'vitest'
import { formatPrice } from './format'

const nbsp = (text: string | undefined) => text?.replace(/\s/g, ' ')

describe('formatPrice', () => {
  it('formats with the locale and currency', () => {
    expect(nbsp(formatPrice(12.5, 'EUR', 'de-DE'))).toBe('12,50 €')
    expect(formatPrice(1234.5, 'GBP', 'en-GB')).toBe('£1,234.50')
    expect(formatPrice(1200, 'JPY', 'en-US')).toBe('¥1,200')
  })

  it('without a currency gives a plain number with two decimals', () => {
    expect(formatPrice(3, undefined, 'en-US')).toBe('3.00')
    expect(formatPrice(3, '', 'de-DE')).toBe('3,00')
  })

  it('falls back to a plain number when the currency code is invalid', () => {
    expect(formatPrice(12.5, 'dollars', 'en-US')).toBe('12.50')
    expect(formatPrice(12.5, '€', 'en-US')).toBe('12.50')
  })

  it('falls back to the default locale when the locale is invalid', () => {
    const expected = new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD' }).format(5)
    expect(formatPrice(5, 'USD', 'not a locale!')).toBe(expected)
    expect(formatPrice(5, 'nope', 'not a locale!')).toBe(new Intl.NumberFormat(undefined, { minimumFractionDigits: 2 }).format(5))
  })

  it('returns undefined when there is no finite price', () => {
    for (const price of [undefined, null, NaN, Infinity, -Infinity, '12', {}]) expect(formatPrice(price, 'EUR', 'en-US')).toBeUndefined()
  })

  it('formats zero and negative prices', () => {
    expect(formatPrice(0, 'USD', 'en-US')).toBe('$0.00')
    expect(formatPrice(-2, 'USD', 'en-US')).toBe('-$2.00')
  })

  it('builds one formatter per (locale, currency) pair and reuses it', () => {
    const Original = Intl.NumberFormat
    let built = 0
    Intl.NumberFormat = class extends Original {
      constructor(...args: ConstructorParameters<typeof Original>) {
        built++
        super(...args)
      }
    } as typeof Original
    try {
      for (let i = 0; i < 20; i++) formatPrice(i, 'CHF', 'fr-CH')
      expect(built).toBe(1)
      // An invalid pair is remembered too, so it does not throw (and cost) on every card.
      formatPrice(1, 'bad!', 'it-IT')
      const afterFirst = built
      for (let i = 0; i < 20; i++) formatPrice(i, 'bad!', 'it-IT')
      expect(built).toBe(afterFirst)
    } finally {
      Intl.NumberFormat = Original
    }
  })

  it('keeps the cache bounded under garbage currencies', () => {
    for (let i = 0; i < 100; i++) expect(formatPrice(1, `X${i}`, 'en-US')).toBe('1.00')
    expect(formatPrice(1, 'USD', 'en-US')).toBe('$1.00')
  })
})
