// Product pictures for the demo shop, drawn from each product's title at build time: the object
// the title names (a candle, a mug, a bag…; the category's icon otherwise) in the colour it
// names, with its pattern (polka dots, stripes, gingham). One small SVG per distinct look, shared
// by every product that has it, so the demo ships a few hundred files of a few hundred bytes and
// hot-links nothing. `pictureName(product)` names a product's picture; `writePictures(dir, catalog)`
// writes them.
import { mkdirSync, readdirSync, unlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

// Object outlines on a 64 x 64 canvas, in title-word priority order (first match wins).
const SHAPES = [
  [/\b(candles?|t-lights?|tealights?)\b/, 'candle', '<rect x="22" y="24" width="20" height="32" rx="3" class="f"/><path d="M32 24v-5" class="s"/><path d="M32 7c-4 5-4 9 0 11 4-2 4-6 0-11z" fill="#f6b73c"/>'],
  [/\blanterns?\b/, 'lantern', '<path d="M24 14h16l4 8v28l-4 6H24l-4-6V22z" class="f"/><rect x="26" y="26" width="12" height="20" rx="2" fill="#fff8" /><path d="M28 14a4 4 0 0 1 8 0" class="s"/>'],
  [/\b(mugs?|cups?|teacups?)\b/, 'mug', '<path d="M14 18h30v28a8 8 0 0 1-8 8H22a8 8 0 0 1-8-8z" class="f"/><path d="M44 24h4a6 6 0 0 1 0 12h-4" class="s"/>'],
  [/\b(bags?|totes?|shopper)\b/, 'bag', '<path d="M12 24h40l-4 32H16z" class="f"/><path d="M22 24v-6a10 10 0 0 1 20 0v6" class="s"/>'],
  [/\b(bottles?|flasks?)\b/, 'bottle', '<path d="M27 8h10v10l5 8v28a4 4 0 0 1-4 4H26a4 4 0 0 1-4-4V26l5-8z" class="f"/>'],
  [/\b(cakestand|cake stand|stand)\b/, 'stand', '<ellipse cx="32" cy="20" rx="14" ry="3" class="f"/><ellipse cx="32" cy="36" rx="20" ry="3.5" class="f"/><ellipse cx="32" cy="52" rx="24" ry="4" class="f"/><path d="M32 10v42" class="s"/>'],
  [/\b(cakes?|cases)\b/, 'cake', '<path d="M16 30h32l-4 24H20z" class="f"/><path d="M14 30c2-12 34-12 36 0z" fill="#fff" stroke="#0008" stroke-width="2.5"/>'],
  [/\b(boxe?s?|tins?|drawers?|chest)\b/, 'box', '<rect x="12" y="22" width="40" height="32" rx="2" class="f"/><path d="M10 16h44v8H10z" class="f"/>'],
  [/\bbunting\b/, 'bunting', '<path d="M6 14q26 10 52 0" class="s"/><path d="M10 16l5 16 5-14zM24 19l5 16 5-16zM38 19l5 16 5-17z" class="f"/>'],
  [/\b(baubles?|ornaments?|decorations?)\b/, 'bauble', '<circle cx="32" cy="38" r="18" class="f"/><rect x="28" y="14" width="8" height="6" fill="#c9a227"/><path d="M32 14v-6" class="s"/>'],
  [/\b(hearts?|sweetheart)\b/, 'heart', '<path d="M32 54S10 40 10 24a11 11 0 0 1 22-3 11 11 0 0 1 22 3c0 16-22 30-22 30z" class="f"/>'],
  [/\bstars?\b/, 'star', '<path d="M32 8l7 15 16 2-12 11 3 16-14-8-14 8 3-16L9 25l16-2z" class="f"/>'],
  [/\b(cards?|tags?|wrap|paper|postcards?)\b/, 'card', '<rect x="12" y="14" width="40" height="36" rx="2" class="f"/><path d="M12 14l20 18 20-18" class="s"/>'],
  [/\b(clocks?)\b/, 'clock', '<circle cx="32" cy="32" r="22" class="f"/><circle cx="32" cy="32" r="17" fill="#fff"/><path d="M32 20v12l8 5" class="s"/>'],
  [/\b(frames?)\b/, 'frame', '<rect x="12" y="10" width="40" height="44" class="f"/><rect x="19" y="17" width="26" height="30" fill="#fff"/>'],
  [/\b(jars?|pots?)\b/, 'jar', '<rect x="20" y="10" width="24" height="8" rx="2" class="f"/><rect x="16" y="18" width="32" height="38" rx="6" class="f"/>'],
  [/\b(bowls?|plates?|dish)\b/, 'bowl', '<path d="M8 28h48a24 22 0 0 1-48 0z" class="f"/><path d="M22 52h20" class="s"/>'],
  [/\b(lights?)\b/, 'lights', '<path d="M4 16q28 18 56 0" class="s"/><circle cx="14" cy="27" r="5" class="f"/><circle cx="32" cy="31" r="5" class="f"/><circle cx="50" cy="27" r="5" class="f"/>'],
  [/\b(doormat|mat)\b/, 'mat', '<rect x="6" y="18" width="52" height="30" rx="4" class="f"/><rect x="12" y="24" width="40" height="18" rx="2" class="s"/>'],
  [/\b(birds?)\b/, 'bird', '<path d="M14 40c0-14 12-22 24-18l8-6 2 8c6 6 4 22-12 24H20z" class="f"/><circle cx="40" cy="28" r="2" fill="#1d1d1b"/>'],
  [/\b(trees?)\b/, 'tree', '<path d="M32 6l16 22h-8l12 16H12l12-16h-8z" class="f"/><rect x="28" y="44" width="8" height="12" fill="#7a5230"/>'],
  [/\b(eggs?)\b/, 'egg', '<path d="M32 8c12 0 20 20 20 32a20 18 0 0 1-40 0C12 28 20 8 32 8z" class="f"/>'],
  [/\b(necklace|bracelet|earrings|ring|charm)\b/, 'jewel', '<path d="M14 12q18 40 36 0" class="s"/><path d="M32 36l7 8-7 10-7-10z" class="f"/>'],
  [/\b(umbrella)\b/, 'umbrella', '<path d="M6 32a26 22 0 0 1 52 0z" class="f"/><path d="M32 32v18a4 4 0 0 1-8 0" class="s"/>'],
  [/\b(notebooks?|books?|journal|pad)\b/, 'book', '<rect x="14" y="8" width="36" height="48" rx="2" class="f"/><path d="M20 8v48" class="s"/>'],
  [/\b(pens?|pencils?|crayons?)\b/, 'pencil', '<path d="M14 50l4-12 28-28 8 8-28 28z" class="f"/><path d="M14 50l4-12 8 8z" fill="#f3d7a4"/>'],
  [/\b(cushions?|pillows?)\b/, 'cushion', '<path d="M10 12q22 6 44 0-6 20 0 40-22-6-44 0 6-20 0-40z" class="f"/>'],
  [/\b(signs?|plaques?)\b/, 'sign', '<rect x="8" y="18" width="48" height="28" rx="3" class="f"/><path d="M24 18l8-10 8 10" class="s"/>'],
]
// Without an object word: a shape per category.
const BY_CATEGORY = { Christmas: 'bauble', Easter: 'egg', Candles: 'candle', Bags: 'bag', Kitchen: 'mug', Stationery: 'card', Jewellery: 'jewel', Party: 'bunting', Toys: 'star', Crafts: 'box', Garden: 'tree', Home: 'frame', Storage: 'box', Gift: 'box' }

const COLOURS = [
  [/\b(red|retrospot|strawberry|cherry)\b/, 'red', '#c8372d'], [/\bpink\b/, 'pink', '#e98bb0'], [/\b(blue|navy)\b/, 'blue', '#3f6fb5'],
  [/\b(green|mint)\b/, 'green', '#4f9a5c'], [/\b(ivory|cream)\b/, 'cream', '#efe3c6'], [/\bwhite\b/, 'white', '#f4f2ee'],
  [/\bblack\b/, 'black', '#2c2a28'], [/\b(yellow|lemon)\b/, 'yellow', '#eec643'], [/\borange\b/, 'orange', '#e8893a'],
  [/\b(purple|lilac|lavender)\b/, 'purple', '#8a62b3'], [/\bgold\b/, 'gold', '#c9a227'], [/\b(silver|zinc|metal|enamel)\b/, 'silver', '#b8bcc2'],
  [/\b(wooden|wood|wicker)\b/, 'wood', '#a8753f'], [/\b(vintage|antique)\b/, 'sage', '#8fa88a'],
]
const PATTERNS = [[/\b(polkadot|spotty|retrospot|dots?)\b/, 'dots'], [/\b(stripes?|striped)\b/, 'stripes'], [/\b(gingham|check)\b/, 'checks']]
const FALLBACK_COLOURS = ['#c8372d', '#3f6fb5', '#4f9a5c', '#e98bb0', '#eec643', '#8a62b3', '#e8893a', '#8fa88a']

const hash = (text) => { let h = 0x811c9dc5; for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193); return h >>> 0 }

/** The look of a product's picture: shape, colour and pattern, from its title and category. */
export function pictureLook(product) {
  const title = (product.title ?? '').toLowerCase()
  const shape = SHAPES.find(([re]) => re.test(title))?.[1] ?? BY_CATEGORY[product.category] ?? 'box'
  const named = COLOURS.find(([re]) => re.test(title))
  const colour = named ? named[1] : 'c' + (hash(product.id) % FALLBACK_COLOURS.length)
  const pattern = PATTERNS.find(([re]) => re.test(title))?.[1] ?? 'plain'
  return { shape, colour, pattern }
}

/** The picture's file name, e.g. "candle-red-dots.svg". */
export function pictureName(product) {
  const { shape, colour, pattern } = pictureLook(product)
  return `${shape}-${colour}-${pattern}.svg`
}

const defs0 = (pattern) => pattern !== 'plain'

function draw(shape, colour, pattern) {
  const fill = colour.startsWith('c') ? FALLBACK_COLOURS[Number(colour.slice(1))] : COLOURS.find(([, name]) => name === colour)[2]
  // Attributes rather than a <style> element: nothing for a CSP to weigh.
  const art = SHAPES.find(([, name]) => name === shape)[2]
    .replaceAll('class="f"', `fill="${defs0(pattern) ? 'url(#p)' : fill}" stroke="#0004" stroke-width="1.5"`)
    .replaceAll('class="s"', 'fill="none" stroke="#0008" stroke-width="2.5" stroke-linecap="round"')
  const ink = ['white', 'cream', 'yellow', 'silver'].includes(colour) ? '#5a5246' : '#fff'
  const defs = pattern === 'dots' ? `<pattern id="p" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="${fill}"/><circle cx="4" cy="4" r="1.8" fill="${ink}"/></pattern>`
    : pattern === 'stripes' ? `<pattern id="p" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="${fill}"/><rect width="4" height="8" fill="${ink}" opacity=".7"/></pattern>`
    : pattern === 'checks' ? `<pattern id="p" width="8" height="8" patternUnits="userSpaceOnUse"><rect width="8" height="8" fill="${ink}"/><rect width="4" height="4" fill="${fill}"/><rect x="4" y="4" width="4" height="4" fill="${fill}"/><rect width="8" height="8" fill="${fill}" opacity=".35"/></pattern>`
    : ''
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><defs>${defs}<radialGradient id="g" cx=".35" cy=".3"><stop offset="0" stop-color="#fff" stop-opacity=".35"/><stop offset="1" stop-color="#fff" stop-opacity="0"/></radialGradient></defs>` +
    `<rect width="64" height="64" fill="#f7f1e6"/><ellipse cx="32" cy="58" rx="20" ry="3" fill="#0001"/>${art}<rect width="64" height="64" fill="url(#g)"/></svg>\n`
}

/** Writes every picture the catalog needs into `dir` (stale ones removed); returns how many. */
export function writePictures(dir, catalog) {
  mkdirSync(dir, { recursive: true })
  const wanted = new Map(catalog.map((p) => [pictureName(p), pictureLook(p)]))
  for (const file of readdirSync(dir)) if (!wanted.has(file)) unlinkSync(join(dir, file)) // the catalog no longer names it
  for (const [file, { shape, colour, pattern }] of wanted) writeFileSync(join(dir, file), draw(shape, colour, pattern))
  return wanted.size
}
