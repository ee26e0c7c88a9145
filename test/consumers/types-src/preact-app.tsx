/** @jsxImportSource preact */
// The Preact entry and `<local-shelf>` in Preact JSX, compiled beside react-app.tsx.
import { Shelf, useShelf, type ShelfProps } from 'localshelf/preact'
import type { Localshelf } from 'localshelf'

export function PreactApp({ engine }: { engine: Localshelf }) {
  const result = useShelf(engine, { placement: 'trending', limit: 4 })
  const props: ShelfProps = { engine, placement: 'for-you', onItemClick: (item) => console.log(item.id) }
  return (
    <div>
      <Shelf {...props} />
      <span>{result.source}</span>
      <local-shelf placement="similar" item="sku-1" limit="4" />
      {/* @ts-expect-error limit takes a number or a string */}
      <local-shelf limit={{}} />
    </div>
  )
}
