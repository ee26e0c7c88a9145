import { describeIssues, validateCatalog } from '../core/catalog'
import type { CatalogIssue, Item } from '../core/types'
import { createCsvParser } from './csv'

/** One event of a user's history as the evaluation sees it: items are dense catalog indices. */
export interface HistoryEvent {
  /** Index into `Dataset.items`. */
  item: number
  /** The `ts` column as a number: unix seconds or a sequence number (only its order matters). */
  ts: number
  /** The `type` column as written (`purchase`, `view`, …, or any custom string). */
  type: string
}

/** All events of one user, in time order (ties keep file order). */
export interface UserHistory {
  /** The `user` column as written. */
  key: string
  events: HistoryEvent[]
}

/** A row of events.csv that was skipped, with its 1-based line number in the file. */
export interface BadRow {
  line: number
  message: string
}

export interface DatasetStats {
  /** Data rows read from events.csv (header and blank lines not counted). */
  rows: number
  /** Events kept (their item is in the catalog). */
  events: number
  /** Events whose item is not in the catalog: counted, then dropped. */
  unknownItemEvents: number
  /** Distinct item ids of those events. */
  unknownItems: number
  /** Rows that could not be read at all (see `badRowExamples`). */
  badRows: number
}

export interface Dataset {
  /** A label for reports, e.g. the directory name. */
  name: string
  /** The validated catalog; an item's index here is its id everywhere in the evaluation. */
  items: Item[]
  itemIndex: Map<string, number>
  /** Users in order of first appearance in events.csv; only users with at least one kept event. */
  users: UserHistory[]
  stats: DatasetStats
  /** The first few skipped rows, for the report. */
  badRowExamples: BadRow[]
  /** The first few item ids not found in the catalog, for the report. */
  unknownItemExamples: string[]
  catalogIssues: CatalogIssue[]
}

/** Feeds events.csv text in chunks of any size, then builds the dataset. */
export interface DatasetBuilder {
  push(chunk: string): void
  finish(): Dataset
}

// Enough examples to diagnose a broken export without flooding the terminal.
const MAX_EXAMPLES = 20
/** Value of `type` when the file has no type column: any non-special type counts as interest. */
export const DEFAULT_EVENT_TYPE = 'interaction'

/**
 * Builds a dataset from an already parsed catalog.json value and events.csv text pushed in chunks
 * (so a caller can stream a large file). Columns are found by header name (case-insensitive, any
 * order, extra columns ignored); `user`, `item` and `ts` are required, `type` is optional.
 * Throws when the catalog is unusable or the header lacks a required column; bad rows are skipped
 * and reported with their line numbers.
 */
export function createDatasetBuilder(name: string, catalogJson: unknown): DatasetBuilder {
  const { items, issues } = validateCatalog(catalogJson)
  const itemIndex = new Map<string, number>()
  items.forEach((item, i) => itemIndex.set(item.id, i))
  const userIndex = new Map<string, number>()
  const users: UserHistory[] = []
  const stats: DatasetStats = { rows: 0, events: 0, unknownItemEvents: 0, unknownItems: 0, badRows: 0 }
  const badRowExamples: BadRow[] = []
  const unknown = new Set<string>()
  const types = new Map<string, string>() // interned, so 400k events share a handful of strings
  let columns: { user: number; item: number; ts: number; type: number; count: number } | undefined

  const bad = (line: number, message: string) => {
    stats.badRows++
    if (badRowExamples.length < MAX_EXAMPLES) badRowExamples.push({ line, message })
  }

  const onRow = (fields: string[], line: number) => {
    if (!columns) {
      const names = fields.map((f) => f.trim().toLowerCase())
      const find = (col: string) => names.indexOf(col)
      columns = { user: find('user'), item: find('item'), ts: find('ts'), type: find('type'), count: names.length }
      const missing = (['user', 'item', 'ts'] as const).filter((col) => columns![col] < 0)
      if (missing.length) {
        throw new Error(`events.csv line ${line}: the header must name the columns user,item,ts[,type]; missing ${missing.join(', ')} (found: ${fields.join(',')})`)
      }
      return
    }
    stats.rows++
    const need = Math.max(columns.user, columns.item, columns.ts, columns.type) + 1
    if (fields.length < need) return bad(line, `expected ${columns.count} fields, found ${fields.length}`)
    const user = fields[columns.user].trim()
    const id = fields[columns.item].trim()
    const tsText = fields[columns.ts].trim()
    if (!user) return bad(line, 'user is empty')
    if (!id) return bad(line, 'item is empty')
    const ts = tsText === '' ? NaN : Number(tsText)
    if (!Number.isFinite(ts)) return bad(line, `ts "${tsText.slice(0, 40)}" is not a number (use unix seconds or a sequence number)`)
    const item = itemIndex.get(id)
    if (item === undefined) {
      stats.unknownItemEvents++
      unknown.add(id)
      return
    }
    const rawType = columns.type >= 0 ? fields[columns.type].trim() : ''
    let type = types.get(rawType)
    if (type === undefined) {
      type = rawType || DEFAULT_EVENT_TYPE
      types.set(rawType, type)
    }
    let u = userIndex.get(user)
    if (u === undefined) {
      u = users.length
      userIndex.set(user, u)
      users.push({ key: user, events: [] })
    }
    users[u].events.push({ item, ts, type })
    stats.events++
  }

  const parser = createCsvParser(onRow, bad)
  return {
    push: (chunk) => parser.push(chunk),
    finish() {
      parser.end()
      if (!columns) throw new Error('events.csv is empty: it needs a header line "user,item,ts,type" and one line per event')
      // Array.prototype.sort is stable, so events with equal ts keep their file order.
      for (const u of users) u.events.sort((a, b) => a.ts - b.ts)
      stats.unknownItems = unknown.size
      return {
        name, items, itemIndex, users, stats, badRowExamples,
        unknownItemExamples: [...unknown].slice(0, MAX_EXAMPLES),
        catalogIssues: issues,
      }
    },
  }
}

/** Convenience for small inputs and tests: the whole events.csv as one string. */
export function parseDataset(name: string, catalogJson: unknown, eventsCsv: string): Dataset {
  const builder = createDatasetBuilder(name, catalogJson)
  builder.push(eventsCsv)
  return builder.finish()
}

/** Human-readable warnings about what was skipped while loading (empty when nothing was). */
export function describeDataset(data: Dataset): string[] {
  const lines: string[] = []
  const { stats } = data
  if (data.catalogIssues.length) lines.push(describeIssues(data.catalogIssues, 5))
  if (stats.badRows) {
    lines.push(`events.csv: ${stats.badRows} unreadable row(s) skipped:`)
    for (const row of data.badRowExamples.slice(0, 5)) lines.push(`  line ${row.line}: ${row.message}`)
  }
  if (stats.unknownItemEvents) {
    lines.push(`events.csv: ${stats.unknownItemEvents} event(s) on ${stats.unknownItems} item id(s) missing from catalog.json were ignored (e.g. ${data.unknownItemExamples.slice(0, 5).join(', ')}); add those products to the catalog to evaluate them`)
  }
  return lines
}
