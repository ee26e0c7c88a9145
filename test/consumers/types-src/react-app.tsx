// Compiled (never run) by scripts/pack-check.mjs against the installed tarball: what an app writes
// with the README's React snippet must type-check under bundler, node16 and nodenext.
import { useEffect, useRef } from 'react'
import { createLocalshelf, validateCatalog, type Item, type Localshelf, type LocalshelfOptions, type LocalShelfRenderDetail, type LocalShelfSelectDetail, type ShelfItemView } from 'localshelf'
import { defineLocalShelf, type LocalShelfElement, type LocalShelfStatus } from 'localshelf/element'
import { Shelf, useLocalshelf, useShelf, type ShelfProps } from 'localshelf/react'
import type {} from 'localshelf/script'

const options: LocalshelfOptions = { catalog: '/catalog.json', model: '/shop-model/' }
const items: Item[] = validateCatalog([{ id: 'a', title: 'A' }]).items

export function App({ navigate }: { navigate: (url: string) => void }) {
  const shelf = useLocalshelf(options)
  const result = useShelf(shelf, { placement: 'trending', limit: 4 })
  const ref = useRef<LocalShelfElement>(null)
  useEffect(() => {
    const element = ref.current
    if (!element) return
    const onSelect = (event: CustomEvent<LocalShelfSelectDetail>) => {
      if (event.detail.url) {
        event.preventDefault()
        navigate(event.detail.url)
      }
    }
    element.addEventListener('localshelf:select', onSelect)
    return () => element.removeEventListener('localshelf:select', onSelect)
  }, [])
  const props: ShelfProps = { engine: shelf, placement: 'for-you' }
  return (
    <main>
      <Shelf {...props} heading="For you" labels={{ next: 'Weiter' }} renderItem={(item: ShelfItemView) => <b>{item.title}</b>}
        onItemClick={(item, _index, event) => { event.preventDefault(); navigate(item.url ?? '/') }} />
      <p>{result?.items.length ?? 0} trending, from {result?.source}</p>
      <local-shelf ref={ref} placement="similar" item="sku-1" limit={4} heading="More like this" />
      <local-shelf placement="cart" items="sku-1,sku-2" exclude-out-of-stock max-price={30} diversity="0.5" fallback="none" />
      <Shelf engine={shelf} placement="need" query="red candle" rules={{ maxPerCategory: 2, exclude: ['sku-3'] }} items={['sku-1']} />
      {/* @ts-expect-error limit takes a number or a string */}
      <local-shelf limit={{}} />
    </main>
  )
}

export function start(): Localshelf {
  const engine = createLocalshelf({ ...options, catalog: items })
  defineLocalShelf(() => engine.ready.then(() => engine))
  const element = document.querySelector('local-shelf')
  element?.addEventListener('localshelf:render', (event) => {
    const detail: LocalShelfRenderDetail = event.detail
    const status = element.getAttribute('status') as LocalShelfStatus | null
    console.log(detail.items.length, detail.source, status)
  })
  document.addEventListener('localshelf:select', (event) => {
    const id: string = event.detail.id
    if (event.detail.url) event.preventDefault()
    console.log(id, event.detail.placement, event.detail.index)
  })
  window.Localshelf?.erase()
  return engine
}
