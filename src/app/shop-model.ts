import { decodeShopModel, type ModelManifest, type ShopModel } from '../core/model-format'

/** Fetches a shop model folder written by `localshelf pretrain` (model.json + weights.bin). */
export async function loadShopModel(base: string): Promise<ShopModel> {
  const root = new URL(base.endsWith('/') ? base : base + '/', location.href)
  const manifestUrl = new URL('model.json', root)
  const response = await fetch(manifestUrl, { credentials: 'same-origin' })
  if (!response.ok) throw new Error(`shop model ${manifestUrl} answered HTTP ${response.status}; check data-model (a folder holding model.json)`)
  const manifest = (await response.json()) as ModelManifest
  const weights = await fetch(new URL(manifest.weights ?? 'weights.bin', root), { credentials: 'same-origin' })
  if (!weights.ok) throw new Error(`shop model weights answered HTTP ${weights.status}; serve weights.bin beside model.json`)
  return decodeShopModel(manifest, await weights.arrayBuffer())
}
