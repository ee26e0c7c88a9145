import type { ComponentChildren, VNode } from 'preact'
import { useEffect, useLayoutEffect, useRef } from 'preact/hooks'
import type { ShelfEngine, ShelfItemView } from './engine-types'
import { defaultHeading } from './headings'
import { recordImpressions } from './impressions'
import { parseLimit } from './limit'
import { reportOnce } from './report'
import { ShelfView, type ShelfLabels } from './ShelfView'
import { adoptStyles } from './styles'
import { useShelf } from './useShelf'

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
  const result = useShelf(engine, { placement, item: props.item, limit: parseLimit(props.limit) })
  const report = useRef(reportOnce(() => `the "${placement}" shelf`)).current
  const shown = useRef('')

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
  useEffect(() => {
    try {
      shown.current = recordImpressions(engine, result, shown.current)
    } catch (error) {
      report(error)
    }
  }, [result])

  return (
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
  )
}
