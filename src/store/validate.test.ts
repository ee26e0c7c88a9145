import { describe, expect, it } from 'vitest'
import { checkEvent } from './validate'

describe('checkEvent', () => {
  it('keeps a valid event and turns a numeric item into a string', () => {
    expect(checkEvent({ type: 'view', item: 42, ts: 1 })).toEqual({ type: 'view', item: '42', ts: 1 })
    expect(checkEvent({ type: 'cart', item: 'a', ts: 5, placement: 'for-you', props: { qty: 2 } })).toEqual({
      type: 'cart',
      item: 'a',
      ts: 5,
      placement: 'for-you',
      props: { qty: 2 },
    })
  })

  it('copies props, so a later change by the caller does not reach the log', () => {
    const props = { qty: 1 }
    const event = checkEvent({ type: 'cart', item: 'a', ts: 1, props })
    props.qty = 9
    expect(event).toMatchObject({ props: { qty: 1 } })
  })

  it('drops only what is unusable and names the field', () => {
    expect(checkEvent(null)).toMatch(/`type`/)
    expect(checkEvent('view')).toMatch(/`type`/)
    expect(checkEvent({ item: 'a', ts: 1 })).toMatch(/`type`/)
    expect(checkEvent({ type: '', item: 'a', ts: 1 })).toMatch(/`type`/)
    expect(checkEvent({ type: 'x'.repeat(65), item: 'a', ts: 1 })).toMatch(/`type`.*64/)
    expect(checkEvent({ type: 'x'.repeat(64), item: 'a', ts: 1 })).not.toBeTypeOf('string')
    expect(checkEvent({ type: 'view', item: '', ts: 1 })).toMatch(/`item`/)
    expect(checkEvent({ type: 'view', item: NaN, ts: 1 })).toMatch(/`item`/)
    expect(checkEvent({ type: 'view', item: { id: 1 }, ts: 1 })).toMatch(/`item`/)
    expect(checkEvent({ type: 'view', item: 'a' })).toMatch(/`ts`/)
    expect(checkEvent({ type: 'view', item: 'a', ts: Infinity })).toMatch(/`ts`/)
    expect(checkEvent({ type: 'view', item: 'a', ts: '1' })).toMatch(/`ts`/)
    expect(checkEvent({ type: 'view', item: 'a', ts: 1, placement: 3 })).toMatch(/`placement`/)
    expect(checkEvent({ type: 'view', item: 'a', ts: 1, props: 'x' })).toMatch(/`props`/)
    expect(checkEvent({ type: 'view', item: 'a', ts: 1, props: { n: 1n } })).toMatch(/`props`.*JSON/)
    const cycle: Record<string, unknown> = {}
    cycle.self = cycle
    expect(checkEvent({ type: 'view', item: 'a', ts: 1, props: cycle })).toMatch(/`props`.*JSON/)
  })

  it('keeps props as JSON data, as the journal would return them', () => {
    const event = checkEvent({ type: 'view', item: 'a', ts: 1, props: { f: () => 1, at: new Date(0), n: 2 } })
    expect(event).toEqual({ type: 'view', item: 'a', ts: 1, props: { at: '1970-01-01T00:00:00.000Z', n: 2 } })
  })
})
