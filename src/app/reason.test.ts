import { describe, expect, it } from 'vitest'
import { REASONS, reasonText } from './reason'

describe('reasonText', () => {
  it('uses the verb of the strongest interaction', () => {
    expect(reasonText('history', REASONS, { title: 'Mug', type: 'view' })).toBe('Because you viewed Mug')
    expect(reasonText('history', REASONS, { title: 'Mug', type: 'click' })).toBe('Because you viewed Mug')
    expect(reasonText('history', REASONS, { title: 'Mug', type: 'cart' })).toBe('Because you added Mug')
    expect(reasonText('history', REASONS, { title: 'Mug', type: 'purchase' })).toBe('Because you bought Mug')
  })
  it('says what the cart, popularity and the query did', () => {
    expect(reasonText('cart', REASONS, { title: 'Tea' })).toBe('Goes with Tea in your cart')
    expect(reasonText('popular', REASONS)).toBe('Popular this week')
    expect(reasonText('query', REASONS, undefined, 'red candle')).toBe('Matches “red candle”')
    expect(reasonText(undefined, REASONS)).toBeUndefined()
  })
  it('takes translated strings', () => {
    expect(reasonText('history', { ...REASONS, viewed: 'Weil du {title} angesehen hast' }, { title: 'Tasse', type: 'view' })).toBe('Weil du Tasse angesehen hast')
  })
})
