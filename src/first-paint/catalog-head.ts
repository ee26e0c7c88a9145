// The first rows of a catalogue being downloaded, read from the start of its body: enough for a
// popularity shelf on a first visit, long before the whole catalogue (27 MB at 100,000 products)
// has arrived, been parsed and been checked by the engine; or a small catalogue whole.
import { WHOLE_BYTES } from './early-rows'
import { takeTurn } from '../ui/turn'

/**
 * Up to `count` complete top-level objects of a JSON array at the start of `response`'s body
 * (read until then, or `maxChars`, and no further). Rows that do not parse are skipped; nothing
 * here throws for bad data: the engine's own load reports it.
 */
export async function catalogHead(response: Response, count: number, maxChars = WHOLE_BYTES): Promise<unknown[]> {
  const reader = response.body?.getReader()
  if (!reader) return []
  const decoder = new TextDecoder()
  const rows: unknown[] = []
  let text = ''
  let at = 0
  let depth = 0
  let start = 0
  let inString = false
  let escaped = false
  try {
    while (rows.length < count && text.length < maxChars) {
      const { done, value } = await reader.read()
      if (done) break
      text += decoder.decode(value, { stream: true })
      for (; at < text.length && rows.length < count; at++) {
        // A task per 64 K characters: a body already downloaded answers every read() at once (as
        // a microtask), and a local server's comes in one chunk; the demo's 310 KB of rows read in
        // one task took 70-90 ms of CPU on a loaded machine.
        if (!(at & 0xffff)) await takeTurn()
        const c = text[at]
        if (inString) {
          if (escaped) escaped = false
          else if (c == '\\') escaped = true
          else if (c == '"') inString = false
        } else if (c == '"') inString = true
        else if (c == '[' || c == '{') {
          if (depth++ == 1) start = at
        } else if ((c == ']' || c == '}') && --depth == 1) {
          try {
            rows.push(JSON.parse(text.slice(start, at + 1)))
          } catch {
            // not a row: skipped
          }
        }
      }
    }
  } finally {
    reader.cancel().catch(() => undefined)
  }
  return rows
}
