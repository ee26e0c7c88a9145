/** @jsxRuntime classic */
/** @jsx h */
/** @jsxFrag Fragment */
// Classic h() calls: the first-paint chunk then needs no preact/jsx-runtime (about 130 B gzip).
import { Component, Fragment, h, type ComponentChildren } from 'preact'
import type { ShelfItemView, ShelfResult } from './engine-types'
import { focusCardByKey, scrollShelfPage } from './carousel'
import { formatPrice } from './format'
import { Placeholder } from './placeholder'
import { safeUrl } from './safe-url'

/** Words the shelf shows or announces; override them to translate. */
export type ShelfLabels = {
  /** Accessible name of the button that scrolls back one page. Default "Previous". */
  previous: string
  /** Accessible name of the button that scrolls forward one page. Default "Next". */
  next: string
  /** Shown instead of the cards when there are none; empty (the default) renders nothing at all. */
  empty: string
}

/** Props of {@link ShelfView}. */
export type ShelfViewProps = {
  /** The ranked items to show, as the engine returned them. */
  result: ShelfResult
  /** Visible heading and the carousel's accessible name; omitted means no heading. */
  heading?: string
  /**
   * Called when a card is activated (click, Enter, or middle-click), before the browser follows
   * the link, so tracking it synchronously is safe.
   */
  onItemClick: (item: ShelfItemView, index: number, event: MouseEvent) => void
  /**
   * Replaces what is inside a card. The card element itself (link or button, click reporting,
   * `part="item"`, `data-item-id`, keyboard moves) stays, so custom cards are tracked alike.
   * It must not return links or buttons: they cannot nest inside the card.
   */
  renderItem?: (item: ShelfItemView, index: number) => ComponentChildren
  /** Button names and the empty-shelf text. */
  labels?: Partial<ShelfLabels>
  /** BCP 47 locale for prices; omitted means the browser's. */
  locale?: string
  /** ISO 4217 currency for items that carry none. */
  currency?: string
}

// Bits of `edges`: which ways the list can still scroll. 0 means everything fits, and then
// the nav buttons are hidden altogether.
const CAN_PREV = 1
const CAN_NEXT = 2

type ShelfViewState = {
  edges: number
  /** The card that takes the shelf's one Tab stop (roving tabindex): the last one focused. */
  active: number
  /** Ids whose image failed to load; they show the placeholder instead. A Set: ids like `constructor` are products too. */
  broken: ReadonlySet<string>
}

/**
 * An accessible product carousel: a labelled region with a heading, previous/next buttons
 * that scroll one page, and a scrolling list of cards that arrow keys (and Home/End) move
 * focus through. Every element a theme may want carries a `part`.
 *
 * A class component rather than hooks: this view is the only stateful component in the
 * first-paint chunk, and preact/hooks would add about 1 KB gzip to it.
 */
export class ShelfView extends Component<ShelfViewProps, ShelfViewState> {
  state: ShelfViewState = { edges: 0, active: 0, broken: new Set() }
  list: HTMLUListElement | null = null
  observer?: ResizeObserver

  // The list only exists while there are items, so it is tracked through a ref callback
  // (stable, so Preact calls it only when the <ul> itself comes or goes).
  setList = (list: HTMLUListElement | null) => {
    this.observer?.disconnect()
    this.list = list
    // A resize changes what fits; the observer also fires once at once, for the first measure.
    if (list && typeof ResizeObserver == 'function') (this.observer = new ResizeObserver(this.measure)).observe(list)
  }

  measure = () => {
    const list = this.list
    if (!list) return
    // scrollLeft runs negative in right-to-left lists, hence abs; 1px slack absorbs subpixel
    // rounding that would otherwise leave "next" enabled at the very end.
    const left = Math.abs(list.scrollLeft)
    const edges = (left > 1 ? CAN_PREV : 0) | (left + list.clientWidth < list.scrollWidth - 1 ? CAN_NEXT : 0)
    if (edges != this.state.edges) this.setState({ edges })
  }

  // New items change the scroll width without resizing the list.
  componentDidUpdate() {
    this.measure()
  }

  componentWillUnmount() {
    this.observer?.disconnect()
  }

  onKeyDown = (event: KeyboardEvent) => {
    if (focusCardByKey(event.key, event.target as Element, this.list!)) event.preventDefault()
  }

  render({ result, heading, onItemClick, renderItem, labels, locale, currency }: ShelfViewProps, { edges, broken, active }: ShelfViewState) {
    const items = result.items
    // A shorter list than before keeps a Tab stop: the first card when the active one is gone.
    const tabStop = active < items.length ? active : 0
    const empty = labels?.empty
    if (!items.length) {
      return empty ? (
        <section class="localshelf" part="shelf" aria-label={heading}>
          {heading && <h2 part="heading">{heading}</h2>}
          <p part="empty">{empty}</p>
        </section>
      ) : null
    }
    return (
      <section class="localshelf" part="shelf" aria-label={heading}>
        <div>
          {heading && <h2 part="heading">{heading}</h2>}
          <div hidden={!edges}>
            {/* Pointer controls: keyboards move with arrow keys inside the shelf's one Tab stop. */}
            <button type="button" part="nav" tabIndex={-1} aria-label={labels?.previous || 'Previous'}
              aria-disabled={!(edges & CAN_PREV)} onClick={() => scrollShelfPage(this.list!, -1)}>‹</button>
            <button type="button" part="nav" tabIndex={-1} aria-label={labels?.next || 'Next'}
              aria-disabled={!(edges & CAN_NEXT)} onClick={() => scrollShelfPage(this.list!, 1)}>›</button>
          </div>
        </div>
        <ul role="list" part="list" ref={this.setList} onKeyDown={this.onKeyDown} onScroll={this.measure}>
          {items.map((item, index) => {
            const href = safeUrl(item.url)
            const image = !broken.has(item.id) && safeUrl(item.image)
            const price = formatPrice(item.price, item.currency || currency, locale)
            const click = (event: MouseEvent) => onItemClick(item, index, event)
            // A card without a safe URL is a button: it stays focusable and Enter still reports
            // the click, which an <a> without href would not do.
            const Card = (href ? 'a' : 'button') as 'a'
            return (
              <li key={item.id}>
                <Card part="item" data-item-id={item.id} href={href} type={href ? undefined : 'button'}
                  tabIndex={index == tabStop ? 0 : -1} onFocus={() => index != active && this.setState({ active: index })}
                  onClick={click} onAuxClick={(event) => event.button == 1 && click(event)}>
                  {renderItem ? renderItem(item, index) : (
                    <>
                      {image ? (
                        // Functional update: two images failing in one tick must both be remembered.
                        <img part="image" src={image} alt={item.title} loading="lazy" decoding="async"
                          onError={() => this.setState((s) => ({ broken: new Set(s.broken).add(item.id) }))} />
                      ) : (
                        <Placeholder id={item.id} title={item.title} />
                      )}
                      <span part="title">{item.title}</span>
                      {price && <span part="price">{price}</span>}
                      {item.reason && <span part="reason">{item.reason}</span>}
                    </>
                  )}
                </Card>
              </li>
            )
          })}
        </ul>
      </section>
    )
  }
}
