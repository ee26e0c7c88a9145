/** The specifier as node16 needs it ('./x' becomes './x.js' or './x/index.js'). */
export declare function withJsExtension(spec: string, fromDir: string): string
/** Rewrites the relative imports of every .d.ts under `dir` in place. */
export declare function addJsExtensions(dir: string): void
