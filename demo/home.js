// Home page: category filter + product grid, and the "Your data" panel (state, export, erase).
import { initPage, loadCatalog, localshelf, renderGrid, say } from './shop.js'

// Two rows of a wide grid; "Show more" adds the same again.
const PAGE_SIZE = 24
// Categories offered as filters, in shelf order; the catalog's other categories stay under "All".
const FILTERS = ['All', 'Christmas', 'Candles', 'Kitchen', 'Bags', 'Home', 'Stationery', 'Toys', 'Party', 'Garden']
// state() is a cheap synchronous read, and a fine-tune finishes about a second after a click;
// a 2 s refresh keeps the panel honest without the widget having to push anything.
const STATE_REFRESH_MS = 2000

initPage()
initGrid()
initDataPanel()

async function initGrid() {
  const list = document.getElementById('product-grid')
  const more = document.getElementById('more')
  const filters = document.getElementById('filters')
  const status = document.getElementById('grid-status')
  let catalog
  try {
    catalog = await loadCatalog()
  } catch (error) {
    say(status, `The products could not be loaded: ${error.message}`)
    return
  }
  let shown = PAGE_SIZE
  let category = 'All'
  const matching = () => (category === 'All' ? catalog.items : catalog.items.filter((p) => p.category === category))
  const render = () => {
    const items = matching()
    renderGrid(list, items.slice(0, shown))
    more.hidden = shown >= items.length
    say(status, category === 'All' ? '' : `${items.length} products in ${category}`)
  }

  for (const name of FILTERS) {
    const button = document.createElement('button')
    button.type = 'button'
    button.textContent = name
    button.dataset.category = name
    button.setAttribute('aria-pressed', String(name === category))
    button.addEventListener('click', () => {
      category = name
      shown = PAGE_SIZE
      for (const b of filters.querySelectorAll('button')) b.setAttribute('aria-pressed', String(b === button))
      render()
    })
    filters.append(button)
  }
  more.addEventListener('click', () => {
    shown += PAGE_SIZE
    render()
  })
  render()
}

async function initDataPanel() {
  const fields = {
    backend: document.querySelector('[data-state="backend"]'),
    eventsStored: document.querySelector('[data-state="eventsStored"]'),
    trained: document.querySelector('[data-state="trained"]'),
  }
  const exportButton = document.getElementById('export')
  const eraseButton = document.getElementById('erase')
  const status = document.getElementById('data-status')

  const api = await localshelf()
  if (!api) {
    for (const el of Object.values(fields)) el.textContent = 'not loaded'
    say(status, 'The recommendation widget is not loaded on this page, so nothing about you is stored.')
    return
  }

  const refresh = () => {
    let state
    try {
      state = api.state()
    } catch (error) {
      say(status, `Could not read the widget's state: ${error.message}`)
      return
    }
    fields.backend.textContent = state.backend === 'none' ? 'not started yet' : state.backend
    if (state.backendReason) fields.backend.title = state.backendReason
    fields.eventsStored.textContent = String(state.eventsStored)
    fields.trained.textContent = state.trained ? 'yes, on this device' : 'not yet'
  }
  refresh()
  api.subscribe?.(refresh)
  setInterval(() => document.visibilityState === 'visible' && refresh(), STATE_REFRESH_MS)

  exportButton.disabled = false
  eraseButton.disabled = false
  exportButton.addEventListener('click', async () => {
    try {
      const data = await api.exportData()
      const json = typeof data === 'string' ? data : JSON.stringify(data, null, 2)
      download(`localshelf-data-${new Date().toISOString().slice(0, 10)}.json`, json)
      say(status, 'Exported: the file holds everything Localshelf stored in this browser.')
    } catch (error) {
      say(status, `Export failed: ${error.message}. Reload the page and try again.`)
    }
  })
  eraseButton.addEventListener('click', async () => {
    eraseButton.disabled = true
    try {
      await api.erase()
      say(status, 'Erased: every interaction and the personalised model are gone from this browser.')
    } catch (error) {
      say(status, `Erase failed: ${error.message}. Reload the page and try again.`)
    } finally {
      eraseButton.disabled = false
      refresh()
    }
  })
}

function download(filename, text) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }))
  const link = document.createElement('a')
  link.href = url
  link.download = filename
  document.body.append(link)
  link.click()
  link.remove()
  // The click has started the download synchronously; a short delay is only for older engines.
  setTimeout(() => URL.revokeObjectURL(url), 1000)
}
