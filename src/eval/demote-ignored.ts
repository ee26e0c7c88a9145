import type { Method, MethodFactory } from './method'
import { isInteraction } from './protocol'

export interface DemoteIgnoredOptions {
  /** Impressions without an interaction after which an item is demoted; the rule: twice. */
  times?: number
  /** Row name; default `<inner>+rule`. */
  name?: string
}

/**
 * The plain rule the on-device fine-tune has to beat: any method's scores, with the items the
 * shopper was shown at least `times` times and never interacted with moved below every other
 * item (score -Infinity; their order among themselves is lost, they are the last resort). It
 * reads only the `impression` events in the history, so it is only meaningful in the session
 * protocol and leaves the other protocols' tables alone.
 */
export function demoteIgnored(inner: Method, options: DemoteIgnoredOptions = {}): Method {
  const times = options.times ?? 2
  const self: Method = {
    name: options.name ?? `${inner.name}+rule`,
    protocols: ['session'],
    async fit(train, log) {
      await inner.fit(train, log)
      self.params = { ...inner.params, demoteAfterIgnored: times }
      self.note = inner.note
    },
    async scoreUser(history, context) {
      const scores = Float32Array.from(await inner.scoreUser(history, context))
      const shown = new Map<number, number>()
      const interacted = new Set<number>()
      for (const e of history) {
        if (e.type === 'impression') shown.set(e.item, (shown.get(e.item) ?? 0) + 1)
        else if (isInteraction(e.type)) interacted.add(e.item)
      }
      for (const [item, count] of shown) if (count >= times && !interacted.has(item) && item < scores.length) scores[item] = -Infinity
      return scores
    },
    // The rule is stateless: the inner method still learns from everything it is shown.
    observe: inner.observe && ((userKey, events) => inner.observe!(userKey, events)),
    resetUser: inner.resetUser && ((userKey) => inner.resetUser!(userKey)),
    dispose: () => inner.dispose?.(),
  }
  return self
}

/** `demoteIgnored` as a table row: wraps a fresh instance of `factory`'s method. */
export function withDemoteIgnored(factory: MethodFactory, options: DemoteIgnoredOptions = {}): MethodFactory {
  return (context) => demoteIgnored(factory(context), options)
}
