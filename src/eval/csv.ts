/**
 * Streaming CSV reader (RFC 4180 plus the usual leniency): fields may be quoted with embedded
 * commas, doubled quotes and line breaks; lines end in LF or CRLF; blank lines are skipped; a
 * leading byte-order mark is dropped. Text can arrive in chunks split anywhere.
 */
export interface CsvParser {
  push(chunk: string): void
  /** Flushes the last record (a file need not end with a newline). */
  end(): void
}

/**
 * @param onRow receives each record's fields and the 1-based line number where it starts.
 * @param onBad receives records that cannot be read (an unterminated quote at the end of input).
 */
export function createCsvParser(onRow: (fields: string[], line: number) => void, onBad: (line: number, message: string) => void): CsvParser {
  let buf = ''
  let line = 1
  let started = false

  // Reads one quoted-aware record starting at `pos`; returns the index after its line break, or
  // -1 when the input ends before the record does (more text may still come).
  const quoted = (pos: number, final: boolean): number => {
    const fields: string[] = []
    let field = ''
    let inQuotes = false
    let breaks = 0
    let i = pos
    for (; i < buf.length; i++) {
      const ch = buf[i]
      if (inQuotes) {
        if (ch === '"') {
          if (buf[i + 1] === '"') { field += '"'; i++ }
          else if (i + 1 === buf.length && !final) return -1 // cannot tell "" from " yet
          else inQuotes = false
        } else {
          if (ch === '\n') breaks++
          field += ch
        }
      } else if (ch === '"' && field === '') inQuotes = true
      else if (ch === ',') { fields.push(field); field = '' }
      else if (ch === '\n') break
      else if (ch !== '\r' || buf[i + 1] !== '\n') field += ch
    }
    if (i === buf.length && !final) return -1
    if (inQuotes) {
      onBad(line, 'a quoted field is never closed (missing ")'); line += breaks + 1
      return buf.length
    }
    fields.push(field)
    onRow(fields, line)
    line += breaks + 1
    return i + 1
  }

  const consume = (final: boolean) => {
    if (!started && buf.length) {
      started = true
      if (buf.charCodeAt(0) === 0xfeff) buf = buf.slice(1)
    }
    let pos = 0
    while (pos < buf.length) {
      const nl = buf.indexOf('\n', pos)
      const stop = nl < 0 ? buf.length : nl
      const quote = buf.indexOf('"', pos)
      if (quote >= 0 && quote < stop) {
        const next = quoted(pos, final)
        if (next < 0) break
        pos = next
        continue
      }
      if (nl < 0 && !final) break
      let text = buf.slice(pos, stop)
      if (text.endsWith('\r')) text = text.slice(0, -1)
      if (text.trim() !== '') onRow(text.split(','), line)
      line++
      pos = stop + 1
    }
    buf = pos >= buf.length ? '' : buf.slice(pos)
  }

  return {
    push(chunk) {
      buf += chunk
      consume(false)
    },
    end() {
      consume(true)
    },
  }
}
