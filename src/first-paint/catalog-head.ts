// The first rows of a catalogue being downloaded, read from the start of its body: enough for a
// popularity shelf on a first visit, long before the whole catalogue (27 MB at 100,000 products)
// has arrived, been parsed and been checked by the engine; or a small catalogue whole.
import { WHOLE_BYTES } from './early-rows'

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
