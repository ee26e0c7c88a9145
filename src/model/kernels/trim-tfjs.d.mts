import type { Plugin } from 'vite'

/** The names of the plugin's cuts (see trim-tfjs.mjs). */
export declare const TRIM_RULES: string[]

/** The transform of one module: its new code and side-effect flag, or null to leave it as is. */
export declare function trimModule(
  code: string,
  id: string,
  matched?: (rule: string) => void,
): { code: string; map: null; moduleSideEffects?: false } | null

/** The Vite plugin for the training worker's build. */
export declare function trimTfjs(): Plugin
