import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { Shelf, useLocalshelf } from 'localshelf/react'

function App() {
  const shelf = useLocalshelf({ catalog: '/catalog.json', arm: 'model' }) // the test waits for personal shelves: no holdout draw
  window.shelf = shelf
  return (
    <main>
      <Shelf engine={shelf} placement="for-you" />
      <Shelf engine={shelf} placement="trending" heading="Trending" onItemClick={(item, index, event) => event.preventDefault()} />
    </main>
  )
}

createRoot(document.getElementById('root')).render(<StrictMode><App /></StrictMode>)
