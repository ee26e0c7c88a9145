/** Removes dist/ before the first build. */
export declare function cleanDist(dist: string): void
/** Copies the wasm binary, checks the packaged asset URLs and writes the declarations into dist/. */
export declare function finishDist(root: string, dist: string): void
