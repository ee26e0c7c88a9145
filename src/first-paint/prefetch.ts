// The requests a first shelf needs, started by the script tag at once, beside the engine's chunk:
// the engine used to ask for the catalogue and the shop model only once its own chunk had loaded
// and run, a round trip later. Each response is read once by the engine; the first paint reads
// clones (the catalogue's first rows, model.json's text for the shelf cache's version).

/** In-flight responses handed to the engine (`EngineOptions.prefetched`); each is read by it once. */
export interface Prefetched {
  catalog?: Promise<Response>
  /** model.json of the shop model folder. */
  model?: Promise<Response>
  /** weights.bin beside it (used only when model.json names that file). */
  weights?: Promise<Response>
}

export function prefetch(catalog: string, model: string | undefined): Prefetched {
  const get = (url: string | URL) => {
    const response = fetch(url, { credentials: 'same-origin' })
    response.catch(() => undefined) // read (and reported) by the engine; never an unhandled rejection here
    return response
  }
  // The same folder URL as the engine's loadShopModel.
  const root = model ? new URL(model.replace(/\/?$/, '/'), location.href) : undefined
  return {
    catalog: get(catalog),
    model: root && get(new URL('model.json', root)),
    weights: root && get(new URL('weights.bin', root)),
  }
}
