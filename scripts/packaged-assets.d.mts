export declare const PACKAGED_WORKER: string
export declare const PACKAGED_WASM: string
/** The npm build's plugin that joins the split asset names again (see packaged-assets.mjs). */
export declare function keepPackagedAssetUrls(): { name: string; renderChunk(code: string): { code: string; map: null } | null }
