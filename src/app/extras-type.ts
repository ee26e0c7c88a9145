/** The lazily loaded chunk's exports (src/extras.ts), as the engine uses them. */
export type Extras = typeof import('../extras')
