// Product page: /product.html?id=ID. Shows the product, records the view, adds to the cart.
import { addToCart, cartCount, formatPrice, initPage, loadCatalog, productThumb, say, track } from './shop.js'

const id = new URLSearchParams(location.search).get('id') ?? ''
const similar = document.getElementById('similar-shelf')

// This module is placed before the widget's script tag, so it runs before <local-shelf> is
// defined: the shelf upgrades with its item already set, as if the shop had rendered it
// server-side, and never ranks once without it.
if (id) similar?.setAttribute('item', id)
// "Recently viewed" leaves out the product on the page.
if (id) document.getElementById('recent-shelf')?.setAttribute('item', id)

initPage()
showProduct()

async function showProduct() {
  const loading = document.getElementById('loading')
  let product
  try {
    product = (await loadCatalog()).byId.get(id)
  } catch (error) {
    say(loading, `The product could not be loaded: ${error.message}`)
    return
  }
  loading.hidden = true
  if (!product) return showNotFound()

  document.title = `${product.title} · Tinsel & Twine`
  document.getElementById('product-media').append(productThumb(product, 'large'))
  document.getElementById('product-title').textContent = product.title
  document.getElementById('product-price').textContent = formatPrice(product.price)
  const category = document.getElementById('product-category')
  if (product.category) category.textContent = product.category
  else category.parentElement.hidden = true
  document.getElementById('product-code').textContent = product.id
  const tags = document.getElementById('product-tags')
  if (product.tags?.length) tags.textContent = product.tags.join(', ')
  else tags.parentElement.hidden = true
  document.getElementById('product').hidden = false

  const button = document.getElementById('add-to-cart')
  const status = document.getElementById('cart-status')
  button.addEventListener('click', () => {
    const count = cartCount(addToCart(product.id))
    track('cart', product.id)
    say(status, `Added to your cart (${count} ${count === 1 ? 'item' : 'items'} in total).`)
  })

  track('view', product.id)
}

function showNotFound() {
  document.title = 'Product not found · Tinsel & Twine'
  document.getElementById('not-found').hidden = false
  const shown = document.getElementById('not-found-id')
  if (id) shown.textContent = `“${id}”`
  // "Similar to nothing" would fall back to something arbitrary; trending is an honest
  // suggestion. A new element rather than a changed attribute, in case the widget has
  // already rendered the old one.
  if (similar) {
    const trending = document.createElement('local-shelf')
    trending.setAttribute('placement', 'trending')
    trending.setAttribute('limit', '10')
    similar.replaceWith(trending)
  }
}
