import { describe, expect, it } from 'vitest'
import { catalogHead } from './catalog-head'
import { earlyShelf } from './early-shelf'
import { earlyRows, HEAD_ROWS } from './early-rows'

/** A response whose body arrives in `size`-character pieces, as a download does. */
function streamed(text: string, size: number): Response {
  const bytes = new TextEncoder().encode(text)
  let at = 0
  return new Response(new ReadableStream({
    pull(controller) {
      if (at >= bytes.length) return controller.close()
      controller.enqueue(bytes.slice(at, (at += size)))
    },
  }))
}

describe('catalogHead', () => {
  it('reads the first complete rows of a JSON array across chunk boundaries, strings and nesting included', async () => {
    const rows = [
      { id: 'a', title: 'Brace { in a title ] "quoted"', tags: ['x', { deep: [1, 2] }] },
      { id: 'b', title: 'Back\\slash\\', price: 2 },
      { id: 'c', title: 'Third' },
      { id: 'd', title: 'Fourth' },
    ]
    for (const size of [1, 7, 1000]) expect(await catalogHead(streamed(JSON.stringify(rows), size), 3)).toEqual(rows.slice(0, 3))
  })

  it('stops at the end of the body, skips what does not parse and never throws', async () => {
    expect(await catalogHead(streamed('[{"id":"a","title":"A"},{"id":', 4), 10)).toEqual([{ id: 'a', title: 'A' }])
    expect(await catalogHead(streamed('not json at all', 4), 10)).toEqual([])
    expect(await catalogHead(new Response(null), 10)).toEqual([])
  })

  it('reads no further than maxChars', async () => {
    const rows = Array.from({ length: 100 }, (_, i) => ({ id: 'p' + i, title: 'x'.repeat(50) }))
    const head = await catalogHead(streamed(JSON.stringify(rows), 64), 100, 1000)
    expect(head.length).toBeGreaterThan(5)
    expect(head.length).toBeLessThan(20)
  })
})

describe('earlyShelf', () => {
  const sameOrigin = (value: string) => value.startsWith('/')
  it('ranks the rows in stock by popularity (catalogue order without one) for trending and for-you only', () => {
    const shelf = earlyShelf([
      { id: 'a', title: 'A', popularity: 1 },
      { id: 'b', title: 'B', popularity: 9, inStock: false },
      { id: 'c', title: 'C', popularity: 5 },
      { id: 7, title: 'Seven' },
      { id: 'e', title: 'E', popularity: 3 },
    ], sameOrigin)!
    expect(shelf({ placement: 'trending', limit: 10 })?.items.map((i) => i.id)).toEqual(['c', 'e', 'a', '7'])
    expect(shelf({ placement: 'for-you', limit: 2 })).toMatchObject({ source: 'popular', items: [{ id: 'c' }, { id: 'e' }] })
    expect(shelf({ placement: 'similar', item: 'a', limit: 10 })).toBeUndefined()
    expect(shelf({ placement: 'cart', limit: 10 })).toBeUndefined()
    // Rules (filters, pins) and fallback="none" are the engine's to apply.
    expect(shelf({ placement: 'trending', limit: 10, rules: { pin: ['a'] } })).toBeUndefined()
    expect(shelf({ placement: 'for-you', limit: 10, fallback: 'none' })).toBeUndefined()
  })

  it('keeps only the fields a card shows, and links and pictures the URL rule accepts', () => {
    const shelf = earlyShelf([
      { id: 'a', title: 'A', price: 12.5, currency: 'EUR', url: '/p/a', image: 'https://evil.example/x.png', description: 'long', onclick: 'x' },
      { id: 'b', title: 'B', price: 'free', url: 'javascript:alert(1)' },
      { title: 'no id' }, { id: 'no title' }, null, 'row', [1, 2],
    ], sameOrigin)!
    const items = shelf({ placement: 'trending', limit: 10 })!.items
    expect(items.map((i) => Object.fromEntries(Object.entries(i).filter(([, v]) => v !== undefined)))).toEqual([
      { id: 'a', title: 'A', price: 12.5, currency: 'EUR', url: '/p/a' },
      { id: 'b', title: 'B' },
    ])
    expect(earlyShelf([{ id: 'x' }, 5], sameOrigin)).toBeUndefined()
  })
})

describe('a small catalogue read whole', () => {
  it('gives the whole catalogue\'s popularity order, not its first rows\'', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => ({ id: 'p' + i, title: 'Product ' + i, popularity: (i * 7919) % 1000 }))
    const text = JSON.stringify(rows)
    expect(earlyRows(new Headers({ 'content-length': String(text.length) }))).toBe(Infinity)
    const whole = earlyShelf(await catalogHead(streamed(text, 4096), Infinity), () => true)!
    const best = [...rows].sort((a, b) => b.popularity - a.popularity).slice(0, 10).map((r) => r.id)
    expect(whole({ placement: 'trending', limit: 10 })!.items.map((i) => i.id)).toEqual(best)
    // The first 48 rows alone would have led with others.
    const head = earlyShelf(await catalogHead(streamed(text, 4096), HEAD_ROWS), () => true)!
    expect(head({ placement: 'trending', limit: 10 })!.items.map((i) => i.id)).not.toEqual(best)
  })
})

describe('catalogHead on a body already downloaded', () => {
  it('reads 64 K characters a task, although every read() is answered at once, in chunks of any size', async () => {
    const rows = Array.from({ length: 8000 }, (_, i) => ({ id: 'p' + i, title: 'Product ' + i }))
    const bytes = new TextEncoder().encode(JSON.stringify(rows)) // 350 KB
    const chunks = [bytes.slice(0, 4096), bytes.slice(4096, 8192), bytes.slice(8192)]
    const buffered = new Response(new ReadableStream({ start(controller) { for (const chunk of chunks) controller.enqueue(chunk); controller.close() } }))
    let turns = 0
    let reading = true
    const count = () => { if (reading) { turns++; setTimeout(count) } }
    setTimeout(count)
    expect(await catalogHead(buffered, Infinity)).toHaveLength(8000)
    reading = false
    // The page's timers ran in between: about one turn per 64 K characters, not one for the lot.
    expect(turns).toBeGreaterThanOrEqual(Math.floor(bytes.length / 65536) - 1)
  })
})
