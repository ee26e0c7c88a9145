// The element's typings for apps: `document.querySelector('local-shelf')`, its events in
// addEventListener, and `<local-shelf>` in Preact JSX (React's lives in src/react/jsx.ts, so that
// apps without @types/react do not fail on a `declare module 'react'`). Types only: no code.
import type { Ref } from 'preact'
import type { AggregateReport } from '../app/stats'
import type { LocalShelfRenderDetail, LocalShelfSelectDetail, LocalShelfStatus } from './shelf-controller'

/** The attributes `<local-shelf>` reads (all optional), as JSX props. */
export interface LocalShelfAttributes {
  /** `for-you` (default), `similar`, `cart`, `trending`, `recent`, `need`, or any placement the engine ranks. */
  placement?: string
  /** The product the shelf relates to (for `similar`). */
  item?: string
  /** Items at most, 1..50 (default 10). */
  limit?: number | string
  /** Heading text; default per placement. */
  heading?: string
  /** Cart item ids, comma-separated, for a `cart` shelf of a shop that keeps the cart itself. */
  items?: string
  /** The shopper's words for a `need` shelf (the element shows its own box without it). */
  query?: string
  /** `none`: an empty shelf stays hidden instead of falling back to popular picks. */
  fallback?: 'none'
  /** Business rules: comma-separated ids, categories or tags. */
  exclude?: string
  categories?: string
  tags?: string
  pin?: string
  boost?: string
  bury?: string
  /** Business rules: numbers (price range, at most N per category, diversity 0..1). */
  'min-price'?: number | string
  'max-price'?: number | string
  'max-per-category'?: number | string
  diversity?: number | string
  /** Business rules: flags (present, or `"false"` to turn a default off). */
  'exclude-out-of-stock'?: boolean | string
  'exclude-in-cart'?: boolean | string
  'exclude-purchased'?: boolean | string
  /** Set by the element (`loading`, `ready`, `empty`, `error`), for CSS and tests; not an input. */
  status?: LocalShelfStatus
}

/** The events a `<local-shelf>` dispatches. */
export interface LocalShelfEventMap {
  /** After every render of a shelf: what it shows and where the ranking came from. */
  'localshelf:render': CustomEvent<LocalShelfRenderDetail>
  /** A plain click on a card, after it is recorded; cancelable (stops the navigation). */
  'localshelf:select': CustomEvent<LocalShelfSelectDetail>
}

/** A `<local-shelf>` element. */
export interface LocalShelfElement extends HTMLElement {
  addEventListener<K extends keyof HTMLElementEventMap>(type: K, listener: (this: LocalShelfElement, ev: HTMLElementEventMap[K]) => unknown, options?: boolean | AddEventListenerOptions): void
  addEventListener(type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions): void
}

declare global {
  interface HTMLElementTagNameMap {
    'local-shelf': LocalShelfElement
  }
  interface HTMLElementEventMap extends LocalShelfEventMap {}
  // Both events bubble out of the shadow root, so listeners on the document get them too.
  interface DocumentEventMap extends LocalShelfEventMap {
    /** The script tag's daily aggregate (`data-aggregate="event"`): noisy counts only, at most once a day. */
    'localshelf:aggregate': CustomEvent<AggregateReport>
  }
}

declare module 'preact' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      // A div's props (Preact 10 names their type JSX.HTMLAttributes, 11 moves it to the module),
      // with the element's own ref type.
      'local-shelf': Omit<IntrinsicElements['div'], 'ref'> & { ref?: Ref<LocalShelfElement> } & LocalShelfAttributes
    }
  }
}
