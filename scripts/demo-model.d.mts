/** Where `npm start` keeps the demo's model, its data and the CLI that trains it; how long it trains. */
export declare const DEMO_MODEL: { data: string; out: string; cli: string; train: string[] }
/**
 * Trains the model into `out` from `data` unless the one there was trained from exactly these
 * inputs (events.csv, catalog.json and the built CLI, by content hash) and is whole; returns what it did.
 */
export declare function prepareDemoModel(options?: { data?: string; out?: string; cli?: string; train?: string[]; verbose?: boolean; log?: (line: string) => void }): 'reused' | 'trained'
