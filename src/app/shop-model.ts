import { decodeShopModelSteps, type ModelManifest, type ShopModel } from '../core/model-format'
import { hashString } from '../core/random'
import { runSliced } from './sliced'

/** Fetches a shop model folder written by `localshelf pretrain` (model.json + weights.bin). */
export async function loadShopModel(base: string, prefetched: { model?: Promise<Response>; weights?: Promise<Response> } = {}): Promise<ShopModel> {
  const root = new URL(base.endsWith('/') ? base : base + '/', location.href)
  const get = (name: string) => fetch(new URL(name, root), { credentials: 'same-origin' })
  // Both files at once: waiting for the manifest before asking for the weights cost a round trip
  // on the first paint. The script tag may have asked for both already (src/first-paint/prefetch.ts).
  const weightsRequest = prefetched.weights ?? get('weights.bin')
  weightsRequest.catch(() => undefined) // awaited below; never an unhandled rejection if the manifest fails first
  const response = await (prefetched.model ?? get('model.json'))
  if (!response.ok) throw new Error(`shop model ${new URL('model.json', root)} answered HTTP ${response.status}; check data-model (a folder holding model.json)`)
  // The text is hashed as read: it identifies the model the shopper's fine-tune starts from.
  const text = await response.text()
  const manifest = JSON.parse(text) as ModelManifest
  const weights = await (manifest.weights && manifest.weights !== 'weights.bin' ? get(manifest.weights) : weightsRequest)
  if (!weights.ok) throw new Error(`shop model weights answered HTTP ${weights.status}; serve ${manifest.weights ?? 'weights.bin'} beside model.json`)
  const buffer = await weights.arrayBuffer()
  // In slices: decoded at once, a 10k-item model was one main-thread task (see decodeShopModelSteps).
  return { ...(await runSliced(decodeShopModelSteps(manifest, buffer))), fingerprint: hashString(text).toString(36) }
}
