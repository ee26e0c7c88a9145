// Seeded synthetic shop catalogues for the scale bench (`npm run bench`, issue 9): 1k to 100k
// products that look like a gift shop's export (titles, categories, tags, brand, prices, stock,
// units sold, relative image and product URLs), generated in memory, never committed.
//
//   import { scaleCatalog } from './scale-catalog.mjs'
//   scaleCatalog(10_000)                     // the same 10,000 rows on every machine
//   scaleCatalog(10_000, { seed: 7, imageBase: '/scale/img/' })
//
// Deterministic: a seeded generator (no clock, no Math.random), so a size always means the same
// catalogue and runs on different days compare. The title words are the ones
// scripts/product-pictures.mjs draws, so `writePictures(dir, catalog)` gives every row a picture.
import { pictureName } from './product-pictures.mjs'

// Object words by category: the category follows from the object, as in a real shop.
const OBJECTS = {
  Candles: ['Candle', 'T-Light Holder', 'Lantern', 'Tealight Set'],
  Kitchen: ['Mug', 'Teacup', 'Cake Stand', 'Bowl', 'Plate', 'Jar', 'Bottle', 'Cake Cases'],
  Bags: ['Bag', 'Tote', 'Shopper', 'Lunch Bag'],
  Stationery: ['Card', 'Notebook', 'Pencil Set', 'Wrap', 'Postcard', 'Journal'],
  Home: ['Frame', 'Clock', 'Cushion', 'Doormat', 'Sign', 'Plaque'],
  Storage: ['Box', 'Tin', 'Drawer', 'Chest'],
  Christmas: ['Bauble', 'Star', 'Tree', 'Decoration', 'Lights'],
  Easter: ['Egg', 'Bird', 'Decoration'],
  Party: ['Bunting', 'Lights', 'Cake Cases'],
  Jewellery: ['Necklace', 'Bracelet', 'Earrings', 'Charm'],
  Garden: ['Bird', 'Pot', 'Umbrella', 'Sign'],
  Toys: ['Star', 'Heart', 'Box'],
}
const CATEGORIES = Object.keys(OBJECTS)
// Price band per category (min, max) in GBP, drawn log-uniformly and rounded to shop prices.
const PRICES = { Candles: [1, 15], Kitchen: [1.5, 40], Bags: [2, 25], Stationery: [0.4, 12], Home: [3, 80], Storage: [2, 45], Christmas: [0.8, 20], Easter: [0.8, 12], Party: [1, 15], Jewellery: [2, 60], Garden: [3, 90], Toys: [1, 20] }
const COLOURS = ['Red', 'Pink', 'Blue', 'Green', 'Ivory', 'White', 'Black', 'Yellow', 'Orange', 'Lilac', 'Gold', 'Silver', 'Navy', 'Mint']
const PATTERNS = ['Retrospot', 'Polkadot', 'Striped', 'Gingham', 'Floral', 'Heart', 'Paisley', 'Vintage']
const MATERIALS = ['Ceramic', 'Glass', 'Wooden', 'Enamel', 'Zinc', 'Wicker', 'Paper', 'Felt', 'Cotton', 'Tin']
const RANGES = ['Regency', 'Kensington', 'Bloomsbury', 'Cottage', 'Nordic', 'Botanical', 'Folk Art', 'Scandi', 'Provence', 'Harbour', 'Meadow', 'Orchard',
  'Victorian', 'Art Deco', 'Woodland', 'Seaside', 'Alpine', 'Moroccan', 'Kyoto', 'Bohemian', 'Heritage', 'Lighthouse', 'Hedgerow', 'Riviera']
const SIZES = ['', '', '', 'Small', 'Large', 'Jumbo', 'Mini', 'Set of 3', 'Set of 6', 'Pack of 12']
const BRANDS = ['Hollybrook', 'Little Owl', 'Paper Moon', 'Tidewater', 'Fernleigh', 'Copper Kettle', 'Marigold', 'Northlight', 'Button & Co', 'Wren House']

/** A 32-bit seeded generator (mulberry32): uniform in [0, 1). */
export function seeded(seed) {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = Math.imul(a ^ (a >>> 15), 1 | a)
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32
  }
}

/**
 * `size` catalogue rows, the same for the same `size` and `seed`. Ids are unique ("SC-000001"…);
 * `popularity` (units sold) follows a Zipf-like law, as sales do; about 1 row in 20 is out of
 * stock; images are relative URLs under `imageBase`, product pages under `/product.html?id=`.
 * @param {number} size
 * @param {{ seed?: number, imageBase?: string }} [options]
 */
export function scaleCatalog(size, { seed = 9, imageBase = '/scale/img/' } = {}) {
  if (!Number.isInteger(size) || size < 1) throw new Error(`size must be a positive integer, got ${size}`)
  const random = seeded(seed)
  const pick = (list) => list[Math.floor(random() * list.length)]
  const rows = []
  for (let i = 0; i < size; i++) {
    const category = pick(CATEGORIES)
    const object = pick(OBJECTS[category])
    const colour = pick(COLOURS)
    const words = [pick(RANGES)]
    if (random() < 0.7) words.push(colour)
    if (random() < 0.4) words.push(pick(PATTERNS))
    if (random() < 0.5) words.push(pick(MATERIALS))
    words.push(object)
    const variant = pick(SIZES)
    if (variant) words.push(variant)
    const title = words.join(' ')
    const [low, high] = PRICES[category]
    const price = Math.round(low * (high / low) ** random() * 20) / 20 - 0.01
    const id = `SC-${String(i + 1).padStart(6, '0')}`
    const tags = [object.toLowerCase(), colour.toLowerCase(), words[0].toLowerCase()]
    const row = {
      id,
      title,
      category,
      tags,
      brand: pick(BRANDS),
      price: Math.max(0.29, Math.round(price * 100) / 100),
      currency: 'GBP',
      popularity: Math.floor(5000 / (1 + Math.floor(random() * size)) + random() * 10),
      inStock: random() >= 0.05,
      url: `/product.html?id=${id}`,
    }
    row.image = imageBase + pictureName(row)
    rows.push(row)
  }
  return rows
}
