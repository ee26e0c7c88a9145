import type { ShelfItemView, ShelfRequest, ShelfResult } from '../ui/engine-types'

/**
 * A first visit's shelves before the engine has loaded: the catalogue's rows read (src/first-paint/early-rows.ts), in stock,
 * most popular first (catalogue order where a row has no `popularity`), for the placements whose
 * first-visit answer is the popularity order anyway (`trending`, `for-you`); the others, and a
 * shelf with business rules or `fallback="none"`, wait for the engine rather than show something
 * it would not. Only the fields a card shows are kept, a link
 * or picture only where `allowUrl` (the engine's same-origin rule) accepts it: the rows are the
 * shop's unchecked data.
 */
export function earlyShelf(rows: unknown[], allowUrl: (value: string) => boolean): ((request: ShelfRequest) => ShelfResult | undefined) | undefined {
  const ranked: [ShelfItemView, number][] = []
  const text = (value: unknown) => (typeof value == 'string' && value) || undefined
  const url = (value: unknown) => (text(value) && allowUrl(value as string) ? (value as string) : undefined)
  for (const r of rows as Record<string, unknown>[]) {
    const id = typeof r?.id == 'number' ? '' + r.id : text(r?.id)
    const title = text(r?.title)
    if (id && title && r.inStock !== false) {
      const { price, popularity } = r
      ranked.push([
        { id, title, price: Number.isFinite(price) ? (price as number) : undefined, currency: text(r.currency), url: url(r.url), image: url(r.image) },
        Number.isFinite(popularity) ? (popularity as number) : -1e308,
      ])
    }
  }
  const items = ranked.sort((a, b) => b[1] - a[1]).map((r) => r[0])
  return items.length ? (request) => (/^(trending|for-you)$/.test(request.placement) && !request.rules && !request.fallback ? { placement: request.placement, items: items.slice(0, request.limit), source: 'popular' } : undefined) : undefined
}
