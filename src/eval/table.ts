import type { ProtocolName } from './protocol'

/** One row of the results table: a method under one protocol. Metrics are null when it failed. */
export interface MethodResult {
  hr5: number | null
  ndcg5: number | null
  hr10: number | null
  ndcg10: number | null
  hr20: number | null
  ndcg20: number | null
  mrr10: number | null
  /** Distinct items in all top-10 lists / catalog size. */
  coverage10: number | null
  /** Users with at least one scored ranking. */
  users: number
  /** Wall time of fit(). */
  trainSeconds: number
  /** Mean wall time of one ranking (score the catalog, exclude seen, take the top 10). */
  rankMsPerUser: number
  /** Rankings scored: one per user in leave-one-out, one per predicted basket in new-shopper. */
  cases: number
  /** Session protocol: impression events (shown, not picked) handed to the method. */
  impressions?: number
  /** Total time spent in observe() (the product's on-device fine-tuning), when the method has it. */
  observeSeconds?: number
  /** Settings chosen while fitting, e.g. EASE's lambda. */
  params?: Record<string, number | string>
  /** A caveat about this run, e.g. a restriction to the most frequent items. */
  note?: string
  /** Why the method failed; its metrics are then null. */
  error?: string
}

export interface ProtocolResult {
  methods: Record<string, MethodResult>
}

export interface DatasetSummary {
  name: string
  items: number
  users: number
  events: number
  /** Events dropped because their item is not in the catalog. */
  unknownItemEvents: number
  /** Rows of events.csv that could not be read. */
  badRows: number
}

/** The JSON written by `--json`: {"dataset": …, "seed": …, "protocols": {"loo": {"methods": {…}}, …}}. */
export interface EvalResult {
  dataset: DatasetSummary
  seed: number
  /** The command that produced it, when run from the CLI (reports quote it). */
  command?: string
  protocols: Partial<Record<ProtocolName, ProtocolResult>>
}

export const PROTOCOL_TITLES: Record<ProtocolName, string> = {
  loo: 'Leave-one-out (last basket\'s new items; history = training + validation baskets)',
  'new-shopper': 'New shopper (held-out 20 % replayed; each basket\'s new items from the 2nd basket on)',
  session: 'Session (new shoppers replayed with the method\'s top-10 shelf before each basket from the 2nd on; shown, unpicked items observed as impressions)',
}

const metric = (v: number | null) => (v === null ? '—' : v.toFixed(4))

function pad(cells: string[], widths: number[]): string {
  return cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ')
}

/** The results as plain text: one table per protocol, then notes and errors. */
export function formatTable(result: EvalResult): string {
  const d = result.dataset
  const out: string[] = [
    `Dataset ${d.name}: ${d.items} items, ${d.users} users, ${d.events} events` +
      (d.unknownItemEvents ? `, ${d.unknownItemEvents} events on items missing from the catalog ignored` : '') +
      (d.badRows ? `, ${d.badRows} unreadable rows skipped` : '') + ` (seed ${result.seed})`,
  ]
  const header = ['method', 'HR@5', 'NDCG@5', 'HR@10', 'NDCG@10', 'HR@20', 'NDCG@20', 'MRR@10', 'cov@10', 'users', 'rankings', 'train s', 'rank ms']
  for (const [protocol, res] of Object.entries(result.protocols) as [ProtocolName, ProtocolResult][]) {
    const rows = Object.entries(res.methods).map(([name, m]) => [
      name, metric(m.hr5), metric(m.ndcg5), metric(m.hr10), metric(m.ndcg10), metric(m.hr20), metric(m.ndcg20), metric(m.mrr10), metric(m.coverage10),
      String(m.users), String(m.cases), m.trainSeconds.toFixed(1), m.rankMsPerUser.toFixed(2),
    ])
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)))
    out.push('', PROTOCOL_TITLES[protocol], pad(header, widths), widths.map((w) => '-'.repeat(w)).join('  '))
    for (const row of rows) out.push(pad(row, widths))
    for (const [name, m] of Object.entries(res.methods)) {
      const extras: string[] = []
      if (m.params) extras.push(Object.entries(m.params).map(([k, v]) => `${k}=${v}`).join(', '))
      if (m.observeSeconds !== undefined) extras.push(`observe ${m.observeSeconds.toFixed(1)} s`)
      if (m.impressions !== undefined) extras.push(`${m.impressions} impressions observed`)
      if (m.note) extras.push(m.note)
      if (m.error) extras.push(`FAILED: ${m.error}`)
      if (extras.length) out.push(`  ${name}: ${extras.join('; ')}`)
    }
  }
  return out.join('\n')
}

/** The results as JSON text; fractions are rounded to 6 decimals (timings are noise beyond that). */
export function toJson(result: EvalResult): string {
  return JSON.stringify(result, (_key, value) =>
    typeof value === 'number' && !Number.isInteger(value) ? Math.round(value * 1e6) / 1e6 : value, 2)
}
