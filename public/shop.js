// Shared helpers of the demo shop: catalog, cart, header, product cards, and safe access to the
// Localshelf widget. The shop is deliberately framework-free, like the theme of a small shop
// that pastes one <script> tag: everything here would work the same without Localshelf.

/**
 * The widget's public object, as the shop uses it.
 * @typedef {object} LocalshelfApi
 * @property {Promise<unknown>} ready
 * @property {(type: string, id: string, props?: Record<string, unknown>) => void} track
 * @property {() => { backend: string, eventsStored: number, trained: boolean, backendReason?: string, error?: string }} state
 * @property {() => Promise<unknown>} exportData
 * @property {() => Promise<void>} erase
 * @property {((listener: () => void) => () => void)=} subscribe
 */

/**
 * One product of /data/catalog.json.
 * @typedef {{ id: string, title: string, price: number, currency: string, url: string, category?: string, tags?: string[] }} Product
 */

/** localStorage key of the cart: an array of { id, qty }. */
export const CART_KEY = 'demo-cart'
const CATALOG_URL = '/data/catalog.json'

const priceFormat = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP' })

/** "£2.95". */
export function formatPrice(amount) {
  return typeof amount === 'number' && Number.isFinite(amount) ? priceFormat.format(amount) : ''
}

// --- Localshelf ------------------------------------------------------------------------------

// Page scripts are modules and the widget is a deferred classic script: both run after parsing,
// in document order, and DOMContentLoaded fires only once all of them have run. After that, a
// missing window.Localshelf means the script failed to load (404, blocked, offline) and the shop
// simply carries on without recommendations.
const scriptsDone = new Promise((done) => {
  if (document.readyState === 'complete') done(undefined)
  else {
    document.addEventListener('DOMContentLoaded', done, { once: true })
    window.addEventListener('load', done, { once: true })
  }
})

let widgetPromise

/**
 * Resolves to window.Localshelf once it is ready, or to null when the widget is absent or failed
 * to start. Never rejects, so no page feature can break because of the widget.
 * @returns {Promise<LocalshelfApi | null>}
 */
export function localshelf() {
  widgetPromise ??= scriptsDone.then(async () => {
    const api = /** @type {LocalshelfApi | undefined} */ (window.Localshelf)
    if (!api) {
      document.documentElement.classList.add('no-localshelf')
      console.info('Demo shop: window.Localshelf is missing (was /localshelf.js built and served?); running without recommendations.')
      return null
    }
    try {
      await api.ready
      return api
    } catch (error) {
      document.documentElement.classList.add('no-localshelf')
      console.warn('Demo shop: Localshelf failed to start; running without recommendations.', error)
      return null
    }
  })
  return widgetPromise
}

/** Records an interaction when the widget is there; a no-op otherwise. */
export async function track(type, id, props) {
  const api = await localshelf()
  try {
    api?.track(type, id, props)
  } catch (error) {
    console.warn(`Demo shop: Localshelf.track("${type}") failed.`, error)
  }
}

// --- catalog ---------------------------------------------------------------------------------

let catalogPromise

/**
 * The catalog, fetched once per page.
 * @returns {Promise<{ items: Product[], byId: Map<string, Product> }>}
 */
export function loadCatalog() {
  // force-cache: the widget on this page fetches (and revalidates) the same file; the demo's pages
  // take whatever copy the HTTP cache holds, so the shop's server sees one catalogue fetch per page.
  catalogPromise ??= fetch(CATALOG_URL, { cache: 'force-cache' }).then(async (response) => {
    if (!response.ok) throw new Error(`${CATALOG_URL} answered HTTP ${response.status}; run the demo with \`npm start\` so the data is served.`)
    const items = /** @type {Product[]} */ (await response.json())
    return { items, byId: new Map(items.map((item) => [item.id, item])) }
  })
  return catalogPromise
}

// --- cart ------------------------------------------------------------------------------------

// Used when localStorage is unavailable (privacy modes, disabled storage): the cart then lasts
// for the page only, which is still enough to try the demo.
let memoryCart = []

/** @returns {{ id: string, qty: number }[]} */
export function readCart() {
  try {
    const raw = JSON.parse(localStorage.getItem(CART_KEY) ?? '[]')
    return Array.isArray(raw)
      ? raw.filter((line) => line && typeof line.id === 'string' && Number.isInteger(line.qty) && line.qty > 0)
      : []
  } catch {
    return memoryCart
  }
}

/** @param {{ id: string, qty: number }[]} cart */
export function writeCart(cart) {
  memoryCart = cart
  try {
    if (cart.length) localStorage.setItem(CART_KEY, JSON.stringify(cart))
    else localStorage.removeItem(CART_KEY)
  } catch {
    // Storage full or disabled: memoryCart keeps the cart for this page.
  }
  updateCartCount()
}

/** Adds one of the product; returns the new cart. */
export function addToCart(id) {
  const cart = readCart()
  const line = cart.find((l) => l.id === id)
  if (line) line.qty++
  else cart.push({ id, qty: 1 })
  writeCart(cart)
  return cart
}

export function cartCount(cart = readCart()) {
  return cart.reduce((sum, line) => sum + line.qty, 0)
}

// --- header ----------------------------------------------------------------------------------

/** Writes the cart count into every [data-cart-count] element. */
export function updateCartCount() {
  const count = cartCount()
  for (const el of document.querySelectorAll('[data-cart-count]')) {
    el.textContent = String(count)
    el.closest('a')?.setAttribute('aria-label', `Cart, ${count} ${count === 1 ? 'item' : 'items'}`)
  }
}

/**
 * Common start of every page: keeps the header's cart count in step with the cart (also when
 * another tab changes it) and checks for the widget early, so that text promising
 * recommendations is hidden at once when it is missing.
 */
export function initPage() {
  localshelf()
  updateCartCount()
  window.addEventListener('storage', (event) => {
    if (event.key === CART_KEY || event.key === null) updateCartCount()
  })
}

// --- product cards ---------------------------------------------------------------------------

/** FNV-1a, the same hash the widget's placeholders use, so a product keeps its colour everywhere. */
function hue(id) {
  let h = 0x811c9dc5
  for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193)
  return (h >>> 0) % 360
}

/**
 * A decorative product picture: a tinted tile with the category's icon, both from shop.css.
 * The tint goes through the CSSOM (style.setProperty), which the CSP allows, unlike a style attribute.
 * @param {Product} product
 */
export function productThumb(product, size = 'small') {
  // The catalog's picture when it has one (drawn from the title at build time); a tile otherwise.
  if (typeof product.image === 'string' && product.image.startsWith('/')) {
    const img = document.createElement('img')
    img.className = `thumb thumb--${size}`
    img.src = product.image
    img.alt = ''
    img.loading = 'lazy'
    img.decoding = 'async'
    return img
  }
  const tile = document.createElement('div')
  tile.className = `thumb thumb--${size}`
  tile.dataset.category = product.category ?? 'Other'
  tile.style.setProperty('--hue', String(hue(product.id)))
  tile.setAttribute('aria-hidden', 'true')
  return tile
}

/** @param {Product} product */
export function productCard(product) {
  const li = document.createElement('li')
  const link = document.createElement('a')
  link.className = 'card'
  link.href = product.url
  const title = document.createElement('span')
  title.className = 'card-title'
  title.textContent = product.title
  const price = document.createElement('span')
  price.className = 'card-price'
  price.textContent = formatPrice(product.price)
  link.append(productThumb(product), title, price)
  li.append(link)
  return li
}

/** Replaces the content of a list with product cards. */
export function renderGrid(list, products) {
  list.replaceChildren(...products.map(productCard))
}

/** Shows a message in an element (a role="status" region announces it). */
export function say(el, message) {
  if (el) el.textContent = message
}
