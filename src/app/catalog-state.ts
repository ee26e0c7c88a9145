// The catalogue the shelves rank: products, their index, content features, popularity prior and
// the starting weights (the shop model's, or the content-only start). Filled by `load`, whose
// catalogue-wide steps run in slices of a few ms (src/app/sliced.ts), never in one task: at
// 100,000 products validation, content features and item vectors were 0.7-1.4 s each.
import { catalogTableSteps, type CatalogTable, type IdIndex } from '../core/catalog-table'
import { contentFeatureSteps, DEFAULT_BUCKETS, DEFAULT_MAX_TOKENS } from '../core/features'
import type { ShopModel } from '../core/model-format'
import { packFeaturesSteps } from '../core/packed-features'
import type { ContentFeatures, Item, ModelWeights, PackedFeatures } from '../core/types'
import { initWeights, remapWeightsSteps } from '../core/weights'
import { FINE_TUNE } from '../model/fine-tune'
import type { LoadedCatalog } from './catalog-source'
import { DEFAULT_CHUNK, loopSteps, runSteps, type Steps } from '../core/steps'
import { nextTask } from './next-task'
import { runSliced } from './sliced'

// Part of the stored content features' key: bump when buildContentFeatures' output changes.
const FEATURES_FORMAT = 1

/** Where content features are kept between visits (the caller decides whether saving is allowed). */
export interface FeatureCache {
  load(key: string, count: number): Promise<ContentFeatures | undefined>
  save(key: string, features: ContentFeatures): void
}

export interface CatalogState {
  /** The products as columns (src/core/catalog-table.ts): the rows as objects do not outlive `load`. */
  items: CatalogTable
  index: IdIndex
  /** Packed (src/core/packed-features.ts); a worker gets them dense (unpackFeatures). */
  features: PackedFeatures | undefined
  /** The weights before any fine-tuning on this device; never changed. An empty `itemEmb` means rows of zeros (the content-only start). */
  initial: ModelWeights | undefined
  popularity: Float32Array
  /** The content cosine's weight from the shop model's files (ranking and fine-tuning alike). */
  contentWeight: number
  /** What the fine-tune starts from: the shop model's fingerprint, or the content-only start. */
  base: string
  modelSource: 'shop' | 'content'
  issues: number
  /** Out-of-stock items, per catalog, computed on first use. */
  stockMask(): Uint8Array
  /** Takes a loaded catalogue and (optional) shop model; one task per start-up step (see nextTask). */
  load(catalog: LoadedCatalog, shop: ShopModel | undefined, cache: FeatureCache): Promise<void>
}

const EMPTY = runSteps(catalogTableSteps([]))

export function createCatalogState(): CatalogState {
  let stockMask: Uint8Array | undefined
  const self: CatalogState = {
    items: EMPTY,
    index: EMPTY.index,
    features: undefined,
    initial: undefined,
    popularity: new Float32Array(0),
    contentWeight: FINE_TUNE.contentWeight,
    base: 'content',
    modelSource: 'content',
    issues: 0,
    stockMask: () => (stockMask ??= Uint8Array.from({ length: self.items.length }, (_, i) => (self.items.inStock(i) === false ? 1 : 0))),
    async load(catalog, shop, cache) {
      await nextTask()
      const { items } = catalog
      self.items = await runSliced(catalogTableSteps(items))
      stockMask = undefined
      const ids = self.items.ids as string[]
      self.index = self.items.index
      self.issues = catalog.issues.length
      const featureOptions = { buckets: shop?.weights.buckets ?? DEFAULT_BUCKETS, maxTokens: shop?.maxTokens ?? DEFAULT_MAX_TOKENS }
      const features = (self.features = await runSliced(packFeaturesSteps(await derivedFeatures(items, cache, catalog.hash, shop?.fingerprint ?? (shop ? 'shop' : 'content'), featureOptions))))
      await nextTask()
      if (shop) {
        // The table's ids: one array of 100k ids on the page, not one per owner.
        // Both in slices: at 10k items the remap and the popularity map were one 5-30 ms task.
        self.initial = { ...(await runSliced(remapWeightsSteps(shop.weights, ids))), itemIds: ids }
        self.popularity = await runSliced(popularitySteps(items, shop))
        self.contentWeight = shop.contentWeight
        self.base = shop.fingerprint ?? 'shop'
        self.modelSource = 'shop'
      } else {
        // No item rows: zeros, which the page need not hold (see src/app/model-state.ts).
        self.initial = { ...initWeights(ids, { buckets: features.buckets }), itemEmb: new Float32Array(0), itemIds: ids }
        // Without a shop model the catalog's own order (bestsellers first, usually) is the prior.
        self.popularity = Float32Array.from(items, (item, i) => item.popularity ?? (items.length - i) / items.length)
      }
      await nextTask()
    },
  }
  return self
}

/**
 * The catalogue's content features: stored ones when this catalogue text (hash), starting model
 * and feature format were seen before, else computed in slices and stored for the next page.
 */
async function derivedFeatures(items: Item[], cache: FeatureCache, hash: string | undefined, model: string, featureOptions: { buckets: number; maxTokens: number }): Promise<ContentFeatures> {
  const key = hash && JSON.stringify([FEATURES_FORMAT, hash, items.length, model, featureOptions.buckets, featureOptions.maxTokens])
  const stored = key ? await cache.load(key, items.length) : undefined
  if (stored) return stored
  const built = await runSliced(contentFeatureSteps(items, featureOptions))
  if (key) cache.save(key, built)
  return built
}

/** The shop model's popularity per catalogue row (the row's own `popularity` first), in slices. */
function* popularitySteps(items: Item[], shop: ShopModel): Steps<Float32Array> {
  const shopPopularity = new Map<string, number>()
  const { itemIds } = shop.weights
  yield* loopSteps(itemIds.length, DEFAULT_CHUNK * 8, (i) => shopPopularity.set(itemIds[i], shop.popularity[i]))
  const out = new Float32Array(items.length)
  yield* loopSteps(items.length, DEFAULT_CHUNK * 8, (i) => (out[i] = items[i].popularity ?? shopPopularity.get(items[i].id) ?? 0))
  return out
}
