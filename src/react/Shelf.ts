// The shelf as a React component: the markup, parts and behaviour of the Preact ShelfView (see
// src/ui/ShelfView.tsx), written with React's createElement, in the light DOM so the app's CSS
// applies too. Shared logic (URLs, prices, headings, limits, impressions, styles) is the same code.
import { createElement as h, Fragment, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent, type MouseEvent as ReactMouseEvent, type ReactNode } from 'react'
import type { ShelfRules } from '../core/rules'
import type { ShelfEngine, ShelfItemView } from '../ui/engine-types'
import { focusCardByKey, scrollShelfPage } from '../ui/carousel'
import { formatPrice } from '../ui/format'
import { hashString, initials } from '../ui/placeholder'
import { defaultHeading } from '../ui/headings'
import { createImpressionWatcher } from '../ui/visibility'
import { reportOnce } from '../ui/report'
import { safeUrl } from '../ui/safe-url'
import type { ShelfLabels } from '../ui/ShelfView'
import { adoptStyles } from '../ui/styles'
import { useShelf } from './use-shelf'

/** Props of the React {@link Shelf}. */
export type ShelfProps = {
  /** The engine (`useLocalshelf()` or `createLocalshelf()`); while undefined the shelf renders nothing. */
  engine: ShelfEngine | undefined
  /** Which shelf: `for-you`, `similar`, `cart`, `trending`, `recent`, `need`, or any placement the engine ranks. */
  placement: string
  /** The product the shelf relates to (for `similar`). */
  item?: string
  /** How many items at most; clamped to 1..50, default 10. */
  limit?: number
  /** Cart item ids for a `cart` shelf when the app keeps the cart itself (default: the recorded cart). */
  items?: string[]
  /** The shopper's words for a `need` shelf (the app renders its own search box). */
  query?: string
  /** Business rules: filters, pins, boost/bury, category cap, price range, diversity (see ShelfRules). */
  rules?: ShelfRules
  /** "none": an empty shelf renders nothing instead of popular picks. */
  fallback?: 'none'
  /** Heading text; default per placement ("Recommended for you", …); `""` shows none. */
  heading?: string
  /** Custom card content (no links or buttons: the card already is one). */
  renderItem?: (item: ShelfItemView, index: number) => ReactNode
  /** Button names and empty-shelf text, e.g. to translate. */
  labels?: Partial<ShelfLabels>
  /**
   * Called after the click is recorded; `event.preventDefault()` stops the navigation, for
   * client-side routing (`navigate(item.url)`).
   */
  onItemClick?: (item: ShelfItemView, index: number, event: ReactMouseEvent<HTMLElement>) => void
  /** Skip adding the default stylesheet to the document, for apps that style the shelf themselves. */
  unstyled?: boolean
}

// useLayoutEffect warns when React renders on the server; there it has nothing to do anyway.
const useClientLayoutEffect = typeof document == 'undefined' ? useEffect : useLayoutEffect

/**
 * A product carousel ranked on the shopper's device: heading, previous/next buttons and a
 * scrolling list of cards; arrow keys, Home and End move focus between cards. Records clicks
 * (before navigation) and one impression per item whenever the shown list changes. Renders
 * nothing without an engine, so a server render and the first client render agree.
 */
export function Shelf(props: ShelfProps): ReactNode {
  const { engine, placement, onItemClick, renderItem, labels, unstyled } = props
  const result = useShelf(engine, props)
  const report = useRef(reportOnce(() => `the "${placement}" shelf`)).current
  const list = useRef<HTMLUListElement | null>(null)
  const [edges, setEdges] = useState(0)
  const [broken, setBroken] = useState<Record<string, 1>>({})
  /** The card that takes the shelf's one Tab stop (roving tabindex, as in the Preact view): the last one focused. */
  const [active, setActive] = useState(0)

  useClientLayoutEffect(() => {
    if (!unstyled) {
      try {
        adoptStyles(document)
      } catch (error) {
        report(error)
      }
    }
  }, [unstyled])
  // Impressions as the element counts them: half a card in view for a second, once per page view.
  const impressions = useRef<ReturnType<typeof createImpressionWatcher>>(undefined)
  useEffect(() => {
    if (!engine) return
    const watcher = (impressions.current = createImpressionWatcher((id, position, shelf) => {
      try {
        engine.track('impression', id, { placement: shelf, position })
      } catch (error) {
        report(error)
      }
    }))
    return () => watcher.disconnect()
  }, [engine])
  useEffect(() => {
    if (list.current) impressions.current?.watch(list.current.querySelectorAll('[part~=item]'), placement)
  }, [result])
  // Which ways the list can still scroll (1: back, 2: forward); 0 hides the buttons.
  const measure = () => {
    const ul = list.current
    if (!ul) return
    const left = Math.abs(ul.scrollLeft)
    setEdges((left > 1 ? 1 : 0) | (left + ul.clientWidth < ul.scrollWidth - 1 ? 2 : 0))
  }
  useEffect(() => {
    const ul = list.current
    if (!ul || typeof ResizeObserver != 'function') return
    const observer = new ResizeObserver(measure)
    observer.observe(ul)
    return () => observer.disconnect()
  }, [result && result.items.length > 0])
  useEffect(measure, [result])

  if (!engine || !result) return null
  const heading = props.heading ?? defaultHeading(placement)
  const items = result.items
  const headingNode = heading ? h('h2', { part: 'heading' }, heading) : null
  if (!items.length) {
    return labels?.empty
      ? h('section', { className: 'localshelf', part: 'shelf', 'aria-label': heading, 'data-source': result.source }, headingNode, h('p', { part: 'empty' }, labels.empty))
      : null
  }
  const page = (step: number) => scrollShelfPage(list.current!, step)
  // A re-rank can shorten the list under the focused card: the Tab stop stays on a card.
  const tabStop = active < items.length ? active : 0
  const onKeyDown = (event: ReactKeyboardEvent) => {
    if (focusCardByKey(event.key, event.target as Element, list.current!)) event.preventDefault()
  }
  const click = (item: ShelfItemView, index: number, event: ReactMouseEvent<HTMLElement>) => {
    try {
      engine.track('click', item.id, { placement })
    } catch (error) {
      report(error)
    }
    onItemClick?.(item, index, event)
  }
  return h('section', { className: 'localshelf', part: 'shelf', 'aria-label': heading, 'data-source': result.source },
    h('div', null,
      headingNode,
      h('div', { hidden: !edges },
        h('button', { type: 'button', part: 'nav', tabIndex: -1, 'aria-label': labels?.previous || 'Previous', 'aria-disabled': !(edges & 1), onClick: () => page(-1) }, '‹'),
        h('button', { type: 'button', part: 'nav', tabIndex: -1, 'aria-label': labels?.next || 'Next', 'aria-disabled': !(edges & 2), onClick: () => page(1) }, '›'),
      ),
    ),
    h('ul', { role: 'list', part: 'list', ref: list, onKeyDown, onScroll: measure },
      items.map((item, index) => {
        const href = safeUrl(item.url)
        const image = !broken[item.id] && safeUrl(item.image)
        const price = formatPrice(item.price, item.currency || engine.currency, engine.locale)
        const onClick = (event: ReactMouseEvent<HTMLElement>) => click(item, index, event)
        return h('li', { key: item.id },
          h(href ? 'a' : 'button', {
            part: 'item', 'data-item-id': item.id, href, type: href ? undefined : 'button', onClick,
            tabIndex: index == tabStop ? 0 : -1, onFocus: () => index != active && setActive(index),
            onAuxClick: (event: ReactMouseEvent<HTMLElement>) => event.button == 1 && onClick(event),
          },
          renderItem ? renderItem(item, index) : h(Fragment, null,
            image
              ? h('img', { part: 'image', src: image, alt: item.title, loading: 'lazy', decoding: 'async', onError: () => setBroken((b) => ({ ...b, [item.id]: 1 })) })
              : h('svg', { part: 'image placeholder', viewBox: '0 0 100 100', 'aria-hidden': true },
                  h('rect', { width: 100, height: 100, fill: `hsl(${hashString(item.id) % 360},45%,85%)` }),
                  h('text', { x: 50, y: 50, dy: '.35em' }, initials(item.title, item.id))),
            h('span', { part: 'title' }, item.title),
            price && h('span', { part: 'price' }, price),
            item.reason && h('span', { part: 'reason' }, item.reason),
          )),
        )
      }),
    ),
  )
}
