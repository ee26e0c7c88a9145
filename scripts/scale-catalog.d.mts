export interface ScaleRow {
  id: string; title: string; category: string; tags: string[]; brand: string
  price: number; currency: string; popularity: number; inStock: boolean; url: string; image: string
}
/** A 32-bit seeded generator (mulberry32): uniform in [0, 1). */
export declare function seeded(seed: number): () => number
/** `size` synthetic catalogue rows, the same for the same size and seed (see scale-catalog.mjs). */
export declare function scaleCatalog(size: number, options?: { seed?: number; imageBase?: string }): ScaleRow[]
