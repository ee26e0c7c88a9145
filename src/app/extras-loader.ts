// The lazy chunk (src/extras.ts) as the engine sees it: loaded once, on first use, and readable
// synchronously afterwards (the need shelf ranks synchronously once it is in).
import type { Extras } from './extras-type'

export interface ExtrasLoader {
  /** The chunk once loaded, else undefined. */
  get(): Extras | undefined
  load(): Promise<Extras>
}

export function createExtrasLoader(loader: (() => Promise<Extras>) | undefined, onLoad: () => void): ExtrasLoader {
  let extras: Extras | undefined
  let loading: Promise<Extras> | undefined
  return {
    get: () => extras,
    load: () =>
      (loading ??= (loader ? loader() : Promise.reject(new Error('this build has no extras loader; pass options.extras')))
        .then((module) => ((extras = module), onLoad(), module))),
  }
}
