import type { IncomingMessage, Server, ServerResponse } from 'node:http'

/** The demo's Content-Security-Policy, sent on every HTML response. */
export declare const CSP: string
/** Content types by lower-case extension (with the dot). */
export declare const MIME_TYPES: Record<string, string>
/** The roots `npm start` serves, in lookup order: dist/, public/. */
export declare const DEFAULT_ROOTS: string[]
/** The decoded request path, or null when it must be refused (traversal, dot file, NUL, bad escape). */
export declare function decodePath(rawPath: string): string | null
/** The file handler as a Connect middleware: a path found in no root goes to `next`. */
export declare function staticFiles(roots: string[]): (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void
export interface RunningServer {
  server: Server
  port: number
  url: string
  close(): Promise<void>
}
/** Starts the static server over `roots` (dist/, public/ by default) and resolves once it listens. */
export declare function createServer(options?: { roots?: string[]; port?: number; host?: string }): Promise<RunningServer>
/** `node scripts/serve.mjs`: PORT and HOST from the environment, prints the URL. */
export declare function main(): Promise<void>
