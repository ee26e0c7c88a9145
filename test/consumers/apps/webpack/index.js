import { createLocalshelf } from 'localshelf'
import { defineLocalShelf } from 'localshelf/element'

const shelf = createLocalshelf({ catalog: '/catalog.json', arm: 'model' }) // the test waits for personal shelves: no holdout draw
window.shelf = shelf
defineLocalShelf(() => shelf.ready.then(() => shelf))

document.addEventListener('localshelf:select', (event) => {
  event.preventDefault() // a client-side router would take over here
})
