// How much of a first visit's catalogue the page reads itself, before the engine's chunk, for the
// early shelf (src/first-paint/early-shelf.ts).

/**
 * Bodies up to this size (bytes, uncompressed) are read whole, and catalogHead reads no further in
 * any body. Measured (Node, the 2,000-row scale catalogue in 64 KB chunks): 512 KB is 1,899 rows,
 * scanned and parsed in 7-11 ms warm (about 1 ms a chunk; 40 ms cold over its first four chunks)
 * and ranked in 1-5 ms, so no task of it nears 50 ms; the demo shop's catalogue (310 KB) and the
 * 1k scale catalogue (276 KB) are under it.
 */
export const WHOLE_BYTES = 1 << 19
/** Rows read from a larger body: the most popular ten of its first 48. */
export const HEAD_ROWS = 48

/**
 * The rows to read from a catalogue response with these headers. A small body is read to its end:
 * its popularity order is then the whole catalogue's, as the engine will rank it, so the engine's
 * shelf replaces the early one with (nearly) the same items. A large one, or one of unknown size
 * (no Content-Length, or compressed: Content-Length then counts the compressed bytes), gives its
 * first rows, painted as its download starts.
 */
export function earlyRows(headers: Headers): number {
  // A compressed body's size is its encoding's name, which is not a number.
  return Number(headers.get('content-encoding') ?? headers.get('content-length') ?? NaN) <= WHOLE_BYTES ? Infinity : HEAD_ROWS
}
