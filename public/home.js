// Home page: category filter and product grid (the shelves and the data panel are the widget's).
import { initPage, loadCatalog, renderGrid, say } from './shop.js'

// Two rows of a wide grid; "Show more" adds the same again.
const PAGE_SIZE = 24
// Categories offered as filters, in shelf order; the catalog's other categories stay under "All".
const FILTERS = ['All', 'Christmas', 'Candles', 'Kitchen', 'Bags', 'Home', 'Stationery', 'Toys', 'Party', 'Garden']

initPage()
initGrid()

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
