/** @jsxImportSource preact */
import { render } from 'preact'
import { createLocalshelf } from 'localshelf'
import { Shelf } from 'localshelf/preact'

const shelf = createLocalshelf({ catalog: '/catalog.json', arm: 'model' }) // the test waits for personal shelves: no holdout draw
window.shelf = shelf

render(
  <main>
    <Shelf engine={shelf} placement="for-you" />
    <Shelf engine={shelf} placement="trending" />
  </main>,
  document.getElementById('app'),
)
