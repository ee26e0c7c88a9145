#!/usr/bin/env node
// Builds the demo shop's data subset (public/data/) from the full UCI Online Retail conversion.
//
//   node scripts/make-demo-data.mjs [--src DIR] [--out DIR]
//
// Defaults: --src ../shared/data/online-retail-uci (from the repo root), --out public/data.
// The output is deterministic: same input, same bytes (no clock, no randomness, stable sorts).
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs'
import { join, resolve, dirname } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { pictureName } from './product-pictures.mjs'

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..')

/** How the subset is cut; every value is written into ATTRIBUTION.md too. */
export const SUBSET = {
  // ~1,500 products keeps catalog.json well under its 400 KB budget (~190 bytes an entry)
  // while still covering most purchases (the long tail is bought a handful of times).
  topProducts: 1500,
  // The demo and its browser tests use a Christmas theme; Christmas products sell in a short
  // season, so many rank between 1,500 and 2,500. Those are kept; rarer ones add no signal.
  themeWord: 'CHRISTMAS',
  themeRankLimit: 2500,
  users: 600,
  // Leave-one-out evaluation needs a last basket, a validation basket and something to train
  // on, so users with fewer baskets would be skipped by `localshelf eval` anyway.
  minBaskets: 3,
  // Wholesale accounts buy hundreds of lines per invoice; they would fill the 2 MB budget
  // alone and do not look like the shoppers the widget is for.
  maxUserEvents: 150,
}

// First match wins, so the theme comes first and broad words (BOX, SIGN) come last.
// Tokens are whole words of the upper-case title, singular and plural listed explicitly.
const CATEGORY_RULES = [
  ['Christmas', 'CHRISTMAS XMAS ADVENT SANTA REINDEER NATIVITY SNOWMAN'],
  ['Easter', 'EASTER'],
  ['Candles', 'CANDLE CANDLES CANDLEHOLDER T-LIGHT T-LIGHTS TEALIGHT TEALIGHTS HOLDER LANTERN INCENSE'],
  ['Bags', 'BAG BAGS PURSE SHOPPER TOTE'],
  ['Kitchen', 'MUG MUGS CUP CUPS TEAPOT TEA COFFEE CAKE CAKES CAKESTAND BAKING BOWL BOWLS PLATE PLATES CUTLERY JAR JARS TRAY NAPKINS NAPKIN APRON LUNCH BOTTLE BEAKERS TUMBLER GLASSES COASTER COASTERS SPOON SPOONS KITCHEN PANTRY JELLY TEACUP SAUCER COOKIE CUTTER CUTTERS JUG BREAD JAM GLOVE GLOVES'],
  ['Stationery', 'CARD CARDS WRAP PAPER NOTEBOOK NOTEBOOKS PENCIL PENCILS PEN PENS STICKER STICKERS TAPE ENVELOPES NOTEPAD CALENDAR DIARY ERASER TISSUES TAGS BOOKS CRAYONS MEMO RULER CHALK'],
  ['Jewellery', 'NECKLACE NECKL BRACELET EARRINGS CHARM BEAD BEADS BROOCH DIAMANTE'],
  ['Party', 'PARTY BIRTHDAY BUNTING BALLOON BALLOONS GARLAND CONFETTI'],
  ['Toys', 'TOY TOYS DOLLY DOLL GAME GAMES PUZZLE JIGSAW SKITTLES SPACEBOY CHILDRENS KIDS BABY TEDDY TOPS SKIPPING PLAYHOUSE BINGO'],
  ['Crafts', 'FELTCRAFT CRAFT SEWING KNITTING RIBBON RIBBONS CLAY COLOURING PAINT'],
  ['Garden', 'GARDEN PLANT PLANTER WATERING BIRDHOUSE FEEDER'],
  ['Home', 'CUSHION FRAME MIRROR CLOCK DOORMAT HOOK HOOKS LIGHTS LIGHT LAMP DOORSTOP THROW BLANKET SIGN PLAQUE DECORATION DECORATIONS ORNAMENT CHALKBOARD WICKER WARMER HOTTIE RACK BLOCK'],
  ['Storage', 'BOX BOXES TIN TINS DRAWER DRAWERS STORAGE BASKET CRATE CABINET CONTAINER'],
].map(([name, words]) => [name, new Set(words.split(' '))])

// Words that say nothing about what the product is; a tag should help match similar products.
const TAG_STOPWORDS = new Set(
  'and the with for set of pack in on to over your you this assorted asstd small large mini jumbo medium design designs colour colours'.split(' '),
)
// Lower-case inside a title; shop titles read better as "Set of 3 Cake Tins".
const TITLE_SMALL_WORDS = new Set('a an and as at by for in of on or the to with w/'.split(' '))
// The few upper-case abbreviations that occur in this data's titles.
const TITLE_ACRONYMS = new Map([['led', 'LED'], ['cd', 'CD'], ['tv', 'TV'], ['3d', '3D']])

/** "WHITE HANGING HEART T-LIGHT HOLDER" -> "White Hanging Heart T-Light Holder". */
export function titleCase(raw) {
  const words = raw.trim().split(/\s+/).filter(Boolean)
  return words
    .map((word, i) => {
      const lower = word.toLowerCase()
      if (TITLE_ACRONYMS.has(lower)) return TITLE_ACRONYMS.get(lower)
      if (i > 0 && TITLE_SMALL_WORDS.has(lower)) return lower
      // Capitalise after separators too (T-Light, Set/6, Charlie+Lola, M.O.P), but not after an
      // apostrophe (Children's, 50's).
      return lower.replace(/(^|[-/+(".,])([a-z])/g, (_, sep, ch) => sep + ch.toUpperCase())
    })
    .join(' ')
}

function titleTokens(raw) {
  return raw.toUpperCase().split(/[^A-Z0-9'-]+/).filter(Boolean)
}

/** The first category whose keyword is a word of the title, or undefined. */
export function categoryOf(raw) {
  const tokens = titleTokens(raw)
  for (const [name, words] of CATEGORY_RULES) {
    if (tokens.some((t) => words.has(t))) return name
  }
  return undefined
}

/**
 * Up to three lower-case keywords. Taken from the end of the title because these titles put
 * the product noun last ("... T-LIGHT HOLDER", "JUMBO BAG RED RETROSPOT").
 */
export function tagsOf(raw) {
  const words = raw
    .toLowerCase()
    .split(/[^a-z0-9-]+/)
    .map((w) => w.replace(/^-+|-+$/g, ''))
    .filter((w) => w.length >= 3 && !/\d/.test(w) && !TAG_STOPWORDS.has(w))
  const unique = [...new Set(words.reverse())].slice(0, 3).reverse()
  return unique
}

/** FNV-1a 32-bit: a stable, dependency-free order of users that is not their id order. */
export function fnv1a(text) {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h
}

function parseArgs(argv) {
  const args = { src: join(repoRoot, '..', 'shared', 'data', 'online-retail-uci'), out: join(repoRoot, 'public', 'data') }
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]
    if (flag !== '--src' && flag !== '--out') {
      throw new Error(`Unknown argument "${flag}". Usage: node scripts/make-demo-data.mjs [--src DIR] [--out DIR]`)
    }
    const value = argv[++i]
    if (!value) throw new Error(`${flag} needs a directory after it.`)
    args[flag.slice(2)] = resolve(value)
  }
  return args
}

function readSource(src) {
  const catalogPath = join(src, 'catalog.json')
  const eventsPath = join(src, 'events.csv')
  for (const p of [catalogPath, eventsPath]) {
    if (!existsSync(p)) {
      throw new Error(`Missing ${p}. Pass --src with the online-retail-uci directory (catalog.json + events.csv).`)
    }
  }
  const catalog = JSON.parse(readFileSync(catalogPath, 'utf8'))
  const lines = readFileSync(eventsPath, 'utf8').split('\n')
  const header = lines[0].trim()
  if (header !== 'user,item,ts,type') {
    throw new Error(`${eventsPath} starts with "${header}", expected the header "user,item,ts,type".`)
  }
  const events = []
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i].trim()
    if (!line) continue
    const [user, item, ts, type] = line.split(',')
    events.push({ user, item, ts, type, line })
  }
  const readme = existsSync(join(src, 'README.md')) ? readFileSync(join(src, 'README.md'), 'utf8') : ''
  return { catalog, events, readme }
}

/** Items ranked by event count (ties by id), then the kept set. */
function pickProducts(catalog, events) {
  const titles = new Map(catalog.map((p) => [String(p.id), String(p.title ?? '')]))
  const counts = new Map()
  for (const e of events) counts.set(e.item, (counts.get(e.item) ?? 0) + 1)
  const ranked = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
  const kept = ranked.slice(0, SUBSET.topProducts).map(([id]) => id)
  let themeAdded = 0
  for (const [id] of ranked.slice(SUBSET.topProducts, SUBSET.themeRankLimit)) {
    if (titles.get(id)?.toUpperCase().includes(SUBSET.themeWord)) {
      kept.push(id)
      themeAdded++
    }
  }
  const rank = new Map(ranked.map(([id], i) => [id, i]))
  return { kept, rank, counts, themeAdded }
}

function pickUsers(events, keptItems) {
  const perUser = new Map()
  for (const e of events) {
    if (!keptItems.has(e.item)) continue
    let u = perUser.get(e.user)
    if (!u) perUser.set(e.user, (u = { events: 0, baskets: new Set() }))
    u.events++
    u.baskets.add(e.ts)
  }
  const eligible = [...perUser]
    .filter(([, u]) => u.baskets.size >= SUBSET.minBaskets && u.events <= SUBSET.maxUserEvents)
    .map(([id]) => id)
  eligible.sort((a, b) => fnv1a(a) - fnv1a(b) || Number(a) - Number(b))
  return { users: new Set(eligible.slice(0, SUBSET.users)), eligible: eligible.length }
}

function catalogEntry(p) {
  const id = String(p.id)
  const raw = String(p.title ?? id)
  const entry = { id, title: titleCase(raw), price: p.price, currency: 'GBP', url: `/product.html?id=${encodeURIComponent(id)}` }
  const category = categoryOf(raw)
  if (category) entry.category = category
  const tags = tagsOf(raw)
  if (tags.length) entry.tags = tags
  // A picture drawn from the title at build time (scripts/product-pictures.mjs writes public/img/p/).
  entry.image = `/img/p/${pictureName(entry)}`
  return entry
}

/** Extracts the "## Source" section (licence, citation, copy used) from the shared README. */
function sourceSection(readme) {
  const match = /^## Source\n([\s\S]*?)(?=^## )/m.exec(readme)
  if (!match) {
    throw new Error('The source README.md has no "## Source" section to copy the CC BY 4.0 attribution from. Check --src.')
  }
  return match[1].trim()
}

function attribution({ readme, stats }) {
  return `# Demo data: attribution and provenance

The files in this directory are a subset of the **Online Retail** data set (real purchases from a
UK online gift shop, 2010-12-01 to 2011-12-09), licensed **CC BY 4.0**. Attribution:

> Chen, D. (2015). *Online Retail* [Dataset]. UCI Machine Learning Repository.
> https://doi.org/10.24432/C5BW33

> D. Chen, S. L. Sain, K. Guo, "Data mining for the online retail industry: a case study of RFM
> model-based customer segmentation using data mining", *Journal of Database Marketing and
> Customer Strategy Management* 19(3), 2012, 197-208.

Changes were made (a subset was taken and fields were derived, see below). The licence:
https://creativecommons.org/licenses/by/4.0/

## Source (copied from the converted data set's README)

${sourceSection(readme)}

## What this subset is, and how it was taken

Input: the project's conversion of the full table (\`online-retail-uci/\`: ${stats.sourceItems.toLocaleString('en-GB')}
products, ${stats.sourceEvents.toLocaleString('en-GB')} purchase events of ${stats.sourceUsers.toLocaleString('en-GB')} customers).

* **Products (${stats.items.toLocaleString('en-GB')}).** Every product ranked by its number of purchase events (ties by id); the
  ${SUBSET.topProducts.toLocaleString('en-GB')} most purchased are kept, plus the ${stats.themeAdded} products whose title contains
  "${SUBSET.themeWord}" among those ranked ${(SUBSET.topProducts + 1).toLocaleString('en-GB')} to ${SUBSET.themeRankLimit.toLocaleString('en-GB')} (the demo uses a Christmas theme).
  \`catalog.json\` lists them from most to least purchased.
* **Users (${stats.users}).** Events are first restricted to the kept products. Customers with at least
  ${SUBSET.minBaskets} baskets (distinct timestamps) and at most ${SUBSET.maxUserEvents} events there are eligible (${stats.eligible.toLocaleString('en-GB')}
  of them; the cap leaves out wholesale accounts); they are ordered by the FNV-1a 32-bit hash of their
  id (a stable shuffle) and the first ${SUBSET.users} are kept.
* **Events (${stats.events.toLocaleString('en-GB')}).** All events of the kept users on the kept products, unchanged and in the
  source order (by user, then time). Header \`user,item,ts,type\`; \`ts\` is Unix seconds; \`type\` is
  always \`purchase\`. ${stats.itemsWithEvents.toLocaleString('en-GB')} of the kept products occur in them.
* **Catalog fields.** \`id\` is the original StockCode and \`price\` the source's representative unit
  price in GBP. \`title\` is the shop's upper-case description re-cased to Title Case (doubled
  spaces collapsed, typos kept). \`currency\` is always GBP; \`url\` points at the demo's product page.
  \`category\` (${stats.categorised.toLocaleString('en-GB')} of ${stats.items.toLocaleString('en-GB')} products) is derived from title keywords by a
  small table in the script, and \`tags\` are up to three keywords from the end of the title;
  neither is in the source data, which has no categories.

## Regenerate

From the repository root (deterministic: the same input gives the same bytes):

    node scripts/make-demo-data.mjs --src ../shared/data/online-retail-uci --out public/data
`
}

/** Builds the subset in memory; `main` writes it. Exported so the rules can be checked directly. */
export function buildSubset({ catalog, events, readme }) {
  const { kept, rank, themeAdded } = pickProducts(catalog, events)
  const keptItems = new Set(kept)
  const { users, eligible } = pickUsers(events, keptItems)
  const subsetEvents = events.filter((e) => users.has(e.user) && keptItems.has(e.item))
  const products = catalog
    .filter((p) => keptItems.has(String(p.id)))
    .sort((a, b) => rank.get(String(a.id)) - rank.get(String(b.id)))
    .map(catalogEntry)
  const stats = {
    sourceItems: catalog.length,
    sourceEvents: events.length,
    sourceUsers: new Set(events.map((e) => e.user)).size,
    items: products.length,
    themeAdded,
    users: users.size,
    eligible,
    events: subsetEvents.length,
    itemsWithEvents: new Set(subsetEvents.map((e) => e.item)).size,
    categorised: products.filter((p) => p.category).length,
  }
  // One product per line: small diffs on regeneration, still valid JSON.
  const catalogJson = `[\n${products.map((p) => JSON.stringify(p)).join(',\n')}\n]\n`
  const eventsCsv = `user,item,ts,type\n${subsetEvents.map((e) => e.line).join('\n')}\n`
  return { catalogJson, eventsCsv, attributionMd: attribution({ readme, stats }), stats }
}

function main() {
  const { src, out } = parseArgs(process.argv.slice(2))
  const { catalogJson, eventsCsv, attributionMd, stats } = buildSubset(readSource(src))
  mkdirSync(out, { recursive: true })
  writeFileSync(join(out, 'catalog.json'), catalogJson)
  writeFileSync(join(out, 'events.csv'), eventsCsv)
  writeFileSync(join(out, 'ATTRIBUTION.md'), attributionMd)
  const kb = (s) => `${(Buffer.byteLength(s) / 1024).toFixed(1)} KB`
  console.log(
    `Wrote ${out}: catalog.json ${stats.items} products (${kb(catalogJson)}), ` +
      `events.csv ${stats.events} events of ${stats.users} users (${kb(eventsCsv)}), ATTRIBUTION.md`,
  )
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    main()
  } catch (err) {
    console.error(`make-demo-data: ${err instanceof Error ? err.message : err}`)
    process.exit(1)
  }
}
