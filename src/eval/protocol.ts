import { hashString } from '../core/random'
import type { Item } from '../core/types'
import type { Dataset, HistoryEvent } from './dataset'

export type { HistoryEvent } from './dataset'

export type ProtocolName = 'loo' | 'new-shopper' | 'session'
/** The default pair (`--protocol both`): the offline protocols. */
export const PROTOCOLS: readonly ProtocolName[] = ['loo', 'new-shopper']
/** Every protocol (`--protocol all`), in table order. */
export const ALL_PROTOCOLS: readonly ProtocolName[] = ['loo', 'new-shopper', 'session']

/** One user's training interactions, time-ordered. */
export interface TrainUser {
  key: string
  events: HistoryEvent[]
}

/** A prediction to score: rank the catalog for `history`, hoping to find `target`. */
export interface EvalCase {
  userKey: string
  history: HistoryEvent[]
  /** Distinct item indices, none of them in `history`. */
  target: number[]
}

/** What a method may learn from. Nothing in it belongs to a test basket or a held-out shopper. */
export interface TrainData {
  protocol: ProtocolName
  items: Item[]
  /** Training interactions of every user that has any. */
  users: TrainUser[]
  /**
   * For tuning hyper-parameters: fit on `tuning.users`, measure on `tuning.validation`, then fit
   * the final model on `users` with the chosen values. In leave-one-out `tuning.users === users`
   * (the validation baskets are never trained on, so one fit serves both); in new-shopper each
   * training user with at least 2 baskets has the last one held out of `tuning.users` as validation.
   */
  tuning: { users: TrainUser[]; validation: EvalCase[] }
  seed: number
}

/** A point in a user's replay where the harness ranks the catalog. */
export interface EvalPoint {
  /** How many of the user's `events` are history at this point (they all precede it). */
  at: number
  /** The basket's items the user never had before, distinct. */
  target: number[]
}

/**
 * One evaluated user as a replay: `events` arrive basket by basket (`basketStarts` are the index
 * of each basket's first event); before the events at `point.at` the harness ranks and scores.
 */
export interface EvalUser {
  key: string
  events: HistoryEvent[]
  basketStarts: number[]
  points: EvalPoint[]
}

export interface Split {
  protocol: ProtocolName
  train: TrainData
  users: EvalUser[]
}

/**
 * Impressions are the widget's own displays, not something the shopper did, so they never form
 * baskets, targets or history. Dismissals are history (the item is excluded) but not interest.
 */
export function isInteraction(type: string): boolean {
  return type !== 'impression'
}

/** Whether an event says the shopper wanted the item (trains the baselines, can be a target). */
export function isInterest(type: string): boolean {
  return type !== 'impression' && type !== 'dismiss'
}

/** Start index of each basket: a basket is a run of events with the same ts (events are time-ordered). */
export function basketStarts(events: HistoryEvent[]): number[] {
  const starts: number[] = []
  for (let i = 0; i < events.length; i++) if (i === 0 || events[i].ts !== events[i - 1].ts) starts.push(i)
  return starts
}

/** Items of `events[from, to)` the user showed interest in and never had in `had`; distinct, in order. */
function newItems(events: HistoryEvent[], from: number, to: number, had: Set<number>): number[] {
  const out: number[] = []
  const seen = new Set<number>()
  for (let i = from; i < to; i++) {
    const { item, type } = events[i]
    if (isInterest(type) && !had.has(item) && !seen.has(item)) { seen.add(item); out.push(item) }
  }
  return out
}

function itemsOf(events: HistoryEvent[], to = events.length): Set<number> {
  const had = new Set<number>()
  for (let i = 0; i < to; i++) had.add(events[i].item)
  return had
}

function interactions(events: HistoryEvent[]): HistoryEvent[] {
  return events.every((e) => isInteraction(e.type)) ? events : events.filter((e) => isInteraction(e.type))
}

/**
 * Leave-one-out: for every user with at least 3 baskets, the last basket is the test target (its
 * items the user never had before; users left with none are not evaluated), the second-to-last is
 * validation (not trained on, but history at test time), and the rest trains. Users with fewer
 * baskets train with everything. A user whose test target is empty still keeps the last two
 * baskets out of training, so the training set does not depend on what the targets contain.
 */
export function leaveOneOutSplit(data: Dataset, seed: number): Split {
  const train: TrainUser[] = []
  const validation: EvalCase[] = []
  const users: EvalUser[] = []
  for (const user of data.users) {
    const events = interactions(user.events)
    const starts = basketStarts(events)
    if (starts.length < 3) {
      if (events.length) train.push({ key: user.key, events })
      continue
    }
    const validStart = starts[starts.length - 2]
    const testStart = starts[starts.length - 1]
    const trainEvents = events.slice(0, validStart)
    train.push({ key: user.key, events: trainEvents })
    const validTarget = newItems(events, validStart, testStart, itemsOf(events, validStart))
    if (validTarget.length) validation.push({ userKey: user.key, history: trainEvents, target: validTarget })
    const target = newItems(events, testStart, events.length, itemsOf(events, testStart))
    if (!target.length) continue
    const history = events.slice(0, testStart)
    users.push({ key: user.key, events: history, basketStarts: starts.slice(0, -1), points: [{ at: history.length, target }] })
  }
  return { protocol: 'loo', train: { protocol: 'loo', items: data.items, users: train, tuning: { users: train, validation }, seed }, users }
}

/** Share of users held out as new shoppers, in percent of the hash range. */
export const NEW_SHOPPER_PERCENT = 20

/**
 * Whether a user is one of the held-out new shoppers: FNV-1a of the id, so the same users are held
 * out on every run, machine and seed (results stay comparable across seeds).
 */
export function isNewShopper(userKey: string): boolean {
  return hashString(userKey) % 100 < NEW_SHOPPER_PERCENT
}

/**
 * New shopper: ~80 % of users (by id hash) train; each held-out user is replayed basket by basket
 * and, before every basket from the second on, that basket's new items are predicted from all
 * earlier events. Baskets with no new item are replayed but not scored.
 */
export function newShopperSplit(data: Dataset, seed: number): Split {
  const train: TrainUser[] = []
  const tuningUsers: TrainUser[] = []
  const validation: EvalCase[] = []
  const users: EvalUser[] = []
  for (const user of data.users) {
    const events = interactions(user.events)
    if (!events.length) continue
    const starts = basketStarts(events)
    if (!isNewShopper(user.key)) {
      train.push({ key: user.key, events })
      if (starts.length < 2) {
        tuningUsers.push({ key: user.key, events })
        continue
      }
      const last = starts[starts.length - 1]
      const history = events.slice(0, last)
      tuningUsers.push({ key: user.key, events: history })
      const target = newItems(events, last, events.length, itemsOf(events, last))
      if (target.length) validation.push({ userKey: user.key, history, target })
      continue
    }
    const points: EvalPoint[] = []
    const had = new Set<number>()
    for (let b = 0; b < starts.length; b++) {
      const from = starts[b]
      const to = b + 1 < starts.length ? starts[b + 1] : events.length
      if (b > 0) {
        const target = newItems(events, from, to, had)
        if (target.length) points.push({ at: from, target })
      }
      for (let i = from; i < to; i++) had.add(events[i].item)
    }
    if (points.length) users.push({ key: user.key, events, basketStarts: starts, points })
  }
  return {
    protocol: 'new-shopper',
    train: { protocol: 'new-shopper', items: data.items, users: train, tuning: { users: tuningUsers, validation }, seed },
    users,
  }
}

/**
 * Session (interactive): the new-shopper split's users and training data, replayed with a shelf.
 * Before every basket from the second on the harness shows the method's top 10; the shown items
 * the shopper did not pick come back to the method as `impression` events (src/eval/session.ts).
 * Points are the new-shopper ones (baskets with a new item are scored).
 */
export function sessionSplit(data: Dataset, seed: number): Split {
  const split = newShopperSplit(data, seed)
  return { ...split, protocol: 'session', train: { ...split.train, protocol: 'session' } }
}

export function makeSplit(protocol: ProtocolName, data: Dataset, seed: number): Split {
  if (protocol === 'loo') return leaveOneOutSplit(data, seed)
  return protocol === 'session' ? sessionSplit(data, seed) : newShopperSplit(data, seed)
}
