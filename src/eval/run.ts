import type { Dataset } from './dataset'
import { createMetricAccumulator, topItems } from './metrics'
import type { Method, MethodFactory } from './method'
import { makeSplit, PROTOCOLS } from './protocol'
import type { ProtocolName, Split } from './protocol'
import { replaySession, type SessionTally } from './session'
import type { EvalResult, MethodResult } from './table'

export interface RunOptions {
  data: Dataset
  /** Which protocols to run, in order; default both. */
  protocols?: readonly ProtocolName[]
  /** Seeds every random choice (the random baseline, model initialisation); same seed, same metrics. */
  seed?: number
  /** One factory per table row, in row order; each protocol gets fresh instances. */
  methods: readonly MethodFactory[]
  /** Progress lines (the CLI sends them to stderr); default: silent. */
  log?: (line: string) => void
  /** Seconds between progress lines inside a long ranking loop. */
  progressSeconds?: number
}

/** Seed used when none is given, so that two plain runs agree. */
export const DEFAULT_SEED = 1

const seconds = (ms: number) => ms / 1000

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}

/** Fits one method and replays every evaluated user through it. Never throws: a failure becomes `error`. */
async function evaluateMethod(method: Method, split: Split, data: Dataset, log: (line: string) => void, progressMs: number): Promise<MethodResult> {
  const n = data.items.length
  const label = `${split.protocol} ${method.name}`
  const result: MethodResult = {
    hr5: null, ndcg5: null, hr10: null, ndcg10: null, hr20: null, ndcg20: null, mrr10: null, coverage10: null,
    users: 0, trainSeconds: 0, rankMsPerUser: 0, cases: 0,
  }
  const fitStarted = performance.now()
  try {
    log(`${label}: training on ${split.train.users.length} users`)
    await method.fit(split.train, (line) => log(`${label}: ${line}`))
  } catch (error) {
    result.trainSeconds = seconds(performance.now() - fitStarted)
    result.error = `training failed: ${message(error)}`
    log(`${label}: ${result.error}`)
    return result
  }
  result.trainSeconds = seconds(performance.now() - fitStarted)
  if (method.params) result.params = { ...method.params }
  if (method.note) result.note = method.note

  const metrics = createMetricAccumulator(n)
  const excluded = new Uint8Array(n)
  let rankMs = 0
  let observeMs = 0
  let lastProgress = performance.now()
  const context = { userKey: '', protocol: split.protocol }
  let done = 0
  const session: SessionTally | undefined = split.protocol === 'session' ? { rankMs: 0, observeMs: 0, impressions: 0 } : undefined
  try {
    for (const user of split.users) {
      method.resetUser?.(user.key)
      context.userKey = user.key
      if (session) {
        await replaySession(method, user, context, n, excluded, metrics, session)
        done++
        continue
      }
      const { events, basketStarts, points } = user
      let marked = 0
      let next = 0
      for (let b = 0; b <= basketStarts.length; b++) {
        const at = b < basketStarts.length ? basketStarts[b] : events.length
        for (; next < points.length && points[next].at === at; next++) {
          // History only grows during a replay, so seen items are marked once each.
          for (; marked < at; marked++) excluded[events[marked].item] = 1
          const started = performance.now()
          const scores = await method.scoreUser(events.slice(0, at), context)
          if (scores.length !== n) throw new Error(`scoreUser returned ${scores.length} scores for a catalog of ${n} items; return one score per catalog item`)
          const ranked = topItems(scores, excluded)
          rankMs += performance.now() - started
          metrics.add(ranked, new Set(points[next].target))
        }
        if (b < basketStarts.length && method.observe) {
          const end = b + 1 < basketStarts.length ? basketStarts[b + 1] : events.length
          const started = performance.now()
          await method.observe(user.key, events.slice(basketStarts[b], end))
          observeMs += performance.now() - started
        }
      }
      for (let i = 0; i < marked; i++) excluded[events[i].item] = 0
      done++
      if (performance.now() - lastProgress > progressMs) {
        lastProgress = performance.now()
        log(`${label}: ranked ${done}/${split.users.length} users`)
      }
    }
  } catch (error) {
    result.error = `ranking failed after ${done} users: ${message(error)}`
    log(`${label}: ${result.error}`)
    return result
  }
  if (session) {
    rankMs = session.rankMs
    observeMs = session.observeMs
    result.impressions = session.impressions
  }
  const summary = metrics.summary()
  Object.assign(result, {
    hr5: summary.hr5, ndcg5: summary.ndcg5, hr10: summary.hr10, ndcg10: summary.ndcg10, hr20: summary.hr20, ndcg20: summary.ndcg20,
    mrr10: summary.mrr10, coverage10: summary.coverage10,
    users: done, cases: summary.cases, rankMsPerUser: summary.cases ? rankMs / summary.cases : 0,
  })
  if (method.observe) result.observeSeconds = seconds(observeMs)
  log(`${label}: HR@10 ${summary.hr10.toFixed(4)}, NDCG@10 ${summary.ndcg10.toFixed(4)} (${result.trainSeconds.toFixed(1)} s training, ${seconds(rankMs).toFixed(1)} s ranking)`)
  return result
}

/**
 * Runs every method under every requested protocol on one dataset and collects the table.
 * Methods run one after another (fit, replay, dispose), so only one model's memory is live.
 */
export async function runEvaluation(options: RunOptions): Promise<EvalResult> {
  const { data, methods } = options
  const protocols = options.protocols ?? PROTOCOLS
  const seed = options.seed ?? DEFAULT_SEED
  const log = options.log ?? (() => {})
  const progressMs = (options.progressSeconds ?? 10) * 1000
  const result: EvalResult = {
    dataset: {
      name: data.name, items: data.items.length, users: data.users.length, events: data.stats.events,
      unknownItemEvents: data.stats.unknownItemEvents, badRows: data.stats.badRows,
    },
    seed,
    protocols: {},
  }
  for (const protocol of protocols) {
    const split = makeSplit(protocol, data, seed)
    const cases = split.users.reduce((sum, u) => sum + u.points.length, 0)
    log(`${protocol}: ${split.train.users.length} training users, ${split.train.tuning.validation.length} validation baskets, ${split.users.length} users to rank (${cases} rankings)`)
    const rows: Record<string, MethodResult> = {}
    for (const factory of methods) {
      const method = factory({ protocol, items: data.items, seed })
      if (method.protocols && !method.protocols.includes(protocol)) {
        method.dispose?.()
        continue
      }
      if (rows[method.name]) throw new Error(`two methods are named "${method.name}"; give each table row its own name`)
      try {
        rows[method.name] = await evaluateMethod(method, split, data, log, progressMs)
      } finally {
        method.dispose?.()
      }
    }
    result.protocols[protocol] = { methods: rows }
  }
  return result
}
