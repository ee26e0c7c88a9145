// Impressions as a shop's analytics counts them: a card at least half visible for one second,
// once per page view (per placement and item), however often the shelf re-renders.

/** The page view's counted impressions; module state, so it lasts exactly as long as the page. */
const counted = new Set<string>()

/** Half of a card in view, for this long, makes an impression. */
export const IMPRESSION_MS = 1000
const HALF = 0.5

export type ImpressionWatcher = {
  /** Watches these cards (elements carrying `data-item-id`), replacing the previous ones. */
  watch(cards: ArrayLike<Element>, placement: string): void
  disconnect(): void
}

/** Counts an impression unless this page view already did; true when it is new. */
export function countImpression(placement: string, id: string): boolean {
  const key = JSON.stringify([placement, id])
  if (counted.has(key)) return false
  counted.add(key)
  return true
}

export function createImpressionWatcher(record: (id: string, position: number, placement: string) => void): ImpressionWatcher {
  const timers = new Map<Element, ReturnType<typeof setTimeout>>()
  let placement = ''
  let positions = new Map<Element, number>()
  const stop = (el: Element) => {
    clearTimeout(timers.get(el))
    timers.delete(el)
  }
  const observer =
    typeof IntersectionObserver == 'function'
      ? new IntersectionObserver(
          (entries) => {
            for (const entry of entries) {
              const el = entry.target
              if (entry.isIntersecting && entry.intersectionRatio >= HALF) {
                if (timers.has(el)) continue
                const shelf = placement
                timers.set(el, setTimeout(() => {
                  timers.delete(el)
                  const id = el.getAttribute('data-item-id')
                  if (id && el.isConnected && countImpression(shelf, id)) record(id, positions.get(el) ?? 0, shelf)
                }, IMPRESSION_MS))
              } else stop(el)
            }
          },
          { threshold: HALF },
        )
      : undefined
  return {
    watch(cards, name) {
      // Re-renders keep most cards (keyed by id): their running second must not restart, or a
      // shelf re-ranked more than once a second would never count an impression.
      const next = new Map(Array.from(cards, (el, i) => [el, i]))
      for (const el of positions.keys()) {
        if (!next.has(el) || name !== placement) {
          observer?.unobserve(el)
          stop(el)
        }
      }
      for (const el of next.keys()) if (!positions.has(el) || name !== placement) observer?.observe(el)
      placement = name
      positions = next
    },
    disconnect() {
      observer?.disconnect()
      timers.forEach(clearTimeout)
      timers.clear()
    },
  }
}
