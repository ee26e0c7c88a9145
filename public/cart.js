// Cart page: lists the cart from localStorage; "Buy" records a purchase per product and empties it.
import { formatPrice, initPage, loadCatalog, productThumb, readCart, say, track, writeCart } from './shop.js'

initPage()
showCart()

async function showCart() {
  const list = document.getElementById('cart-lines')
  const summary = document.getElementById('cart-summary')
  const empty = document.getElementById('cart-empty')
  const total = document.getElementById('cart-total')
  const buy = document.getElementById('buy')
  const status = document.getElementById('cart-status')
  let catalog
  try {
    catalog = await loadCatalog()
  } catch (error) {
    say(status, `The cart could not be shown: ${error.message}`)
    return
  }

  const render = () => {
    // Products that left the catalog since they were added cannot be bought; drop them quietly.
    const cart = readCart().filter((line) => catalog.byId.has(line.id))
    // The shop keeps the cart itself, so it tells the cart shelf what is in it.
    document.getElementById('cart-shelf')?.setAttribute('items', cart.map((line) => line.id).join(','))
    list.replaceChildren(...cart.map((line) => cartLine(catalog.byId.get(line.id), line.qty, remove)))
    const sum = cart.reduce((s, line) => s + catalog.byId.get(line.id).price * line.qty, 0)
    total.textContent = formatPrice(sum)
    summary.hidden = cart.length === 0
    empty.hidden = cart.length > 0
    return cart
  }
  const remove = (id) => {
    writeCart(readCart().filter((line) => line.id !== id))
    track('remove', id)
    render()
  }

  buy.addEventListener('click', async () => {
    const cart = render()
    if (!cart.length) return
    buy.disabled = true
    for (const line of cart) {
      const product = catalog.byId.get(line.id)
      await track('purchase', line.id, { quantity: line.qty, price: product.price, currency: product.currency })
    }
    writeCart([])
    render()
    buy.disabled = false
    document.getElementById('thanks').hidden = false
    document.getElementById('thanks-heading').focus()
  })
  window.addEventListener('storage', render)
  render()
}

function cartLine(product, qty, remove) {
  const li = document.createElement('li')
  li.className = 'cart-line'
  const link = document.createElement('a')
  link.href = product.url
  link.textContent = product.title
  const title = document.createElement('div')
  title.className = 'cart-line-title'
  const unit = document.createElement('span')
  unit.className = 'muted'
  unit.textContent = `${qty} × ${formatPrice(product.price)}`
  title.append(link, unit)
  const lineTotal = document.createElement('span')
  lineTotal.className = 'cart-line-total'
  lineTotal.textContent = formatPrice(product.price * qty)
  const button = document.createElement('button')
  button.type = 'button'
  button.className = 'link-button'
  button.textContent = 'Remove'
  button.setAttribute('aria-label', `Remove ${product.title}`)
  button.addEventListener('click', () => remove(product.id))
  li.append(productThumb(product), title, lineTotal, button)
  return li
}
