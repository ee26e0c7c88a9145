import { Shelf, useLocalshelf } from 'localshelf/react'

export function App() {
  const shelf = useLocalshelf({ catalog: '/catalog.json', arm: 'model' }) // the test waits for personal shelves: no holdout draw
  if (typeof window != 'undefined') (window as unknown as { shelf: unknown }).shelf = shelf
  return (
    <main>
      <h1>Server-rendered shop</h1>
      <Shelf engine={shelf} placement="for-you" />
      <Shelf engine={shelf} placement="trending" />
    </main>
  )
}
