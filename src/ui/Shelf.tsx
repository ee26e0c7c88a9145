import type { ComponentChildren, VNode } from 'preact'
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks'
import type { ShelfEngine, ShelfItemView } from './engine-types'
import { defaultHeading } from './headings'
import { parseLimit } from './limit'
import { reportOnce } from './report'
import { ShelfView, type ShelfLabels } from './ShelfView'
import { adoptStyles } from './styles'
import { useShelf } from './useShelf'
import { createImpressionWatcher } from './visibility'
import type { ShelfRules } from '../core/rules'

/** Props of {@link Shelf}. */
export type ShelfProps = {
  /** The recommendation engine (from the Localshelf API). */
  engine: ShelfEngine
  /** Which shelf: `for-you`, `similar`, `cart`, `trending`, `recent`, or any the engine knows. */
  placement: string
  /** The product the shelf relates to (for `similar` and the like). */
  item?: string
  /** How many items at most; clamped to 1..50, default 10. */
  limit?: number
  /** Cart item ids for a `cart` shelf when the app keeps the cart itself. */
  items?: string[]
  /** The shopper's words for a `need` shelf (the app renders its own search box). */
  query?: string
  /** Business rules: filters, pins, boost/bury, category cap, diversity (see ShelfRules). */
  rules?: ShelfRules
  /** "none": an empty shelf renders nothing instead of popular picks. */
  fallback?: 'none'
  /** Heading text; default per placement ("Recommended for you", …); `""` shows none. */
  heading?: string
  /** Custom card content; see {@link ShelfViewProps.renderItem}. */
  renderItem?: (item: ShelfItemView, index: number) => ComponentChildren
  /** Button names and empty-shelf text, e.g. to translate. */
  labels?: Partial<ShelfLabels>
  /** Called after the click is tracked, e.g. for client-side routing (call `event.preventDefault()`). */
  onItemClick?: (item: ShelfItemView, index: number, event: MouseEvent) => void
  /** Skip adding the default stylesheet to the document, for apps that style the shelf themselves. */
  unstyled?: boolean
}

/**
 * The shelf as a Preact component (light DOM, so it takes the app's own CSS as well). Tracks
 * clicks (before navigation) and one impression per item whenever the shown list changes.
 */
export function Shelf(props: ShelfProps): VNode | null {
  const { engine, placement, heading, onItemClick, unstyled } = props
  const result = useShelf(engine, { placement, item: props.item, limit: parseLimit(props.limit), items: props.items, query: props.query, rules: props.rules, fallback: props.fallback })
  const report = useRef(reportOnce(() => `the "${placement}" shelf`)).current
  const box = useRef<HTMLDivElement>(null)
  const impressions = useRef<ReturnType<typeof createImpressionWatcher>>()

  useLayoutEffect(() => {
    if (!unstyled) {
      try {
        adoptStyles(document)
      } catch (error) {
        report(error)
      }
    }
  }, [unstyled])
  // `result` is memoised by useShelf, so this runs once per re-rank, not per render.
  // Impressions: half a card in view for a second, once per page view.
  useEffect(() => {
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
    if (box.current) impressions.current?.watch(box.current.querySelectorAll('[part~=item]'), placement)
  }, [result])

  return (
    <div ref={box}>
    <ShelfView
      result={result}
      heading={heading ?? defaultHeading(placement)}
      renderItem={props.renderItem}
      labels={props.labels}
      locale={engine.locale}
      currency={engine.currency}
      onItemClick={(item, index, event) => {
        try {
          engine.track('click', item.id, { placement })
        } catch (error) {
          report(error)
        }
        onItemClick?.(item, index, event)
      }}
    />
    </div>
  )
}
