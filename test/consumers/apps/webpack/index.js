import { createLocalshelf } from 'localshelf'
import { defineLocalShelf } from 'localshelf/element'

// arm: the test waits for personal shelves, so no holdout draw; strings: the shelf's button names, translated.
const shelf = createLocalshelf({ catalog: '/catalog.json', arm: 'model', strings: { previous: 'Zurück', next: 'Weiter' } })
window.shelf = shelf
defineLocalShelf(() => shelf.ready.then(() => shelf))

document.addEventListener('localshelf:select', (event) => {
  event.preventDefault() // a client-side router would take over here
})
