// `<local-shelf>` in React JSX (React 18 and 19 type the JSX namespace inside the 'react' module).
// Only the React entry's declarations carry this, so other apps need no @types/react.
import type * as React from 'react'
import type { LocalShelfAttributes, LocalShelfElement } from '../element/dom-types'

declare module 'react' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace JSX {
    interface IntrinsicElements {
      'local-shelf': React.DetailedHTMLProps<React.HTMLAttributes<LocalShelfElement>, LocalShelfElement> & LocalShelfAttributes
    }
  }
}
