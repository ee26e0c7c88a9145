import type { ScaleRow } from './scale-catalog.mjs'
/** Writes `scale/catalog-N.json` and the pictures they name under `dir` (a root a server serves). */
export declare function writeScaleData(dir: string, sizes: number[]): Map<number, ScaleRow[]>
