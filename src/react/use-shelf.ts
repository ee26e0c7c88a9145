import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react'
import type { ShelfEngine, ShelfRequest, ShelfResult } from '../ui/engine-types'
import { parseLimit } from '../ui/limit'
import { rankOrEmpty } from '../ui/rank-or-empty'
import { reportOnce } from '../ui/report'
import { createShelfGate } from '../ui/shelf-gate'

/**
 * What {@link useShelf} ranks: the placement, the related item, how many, and (as for the Preact
 * component and the element) a `cart` shelf's own cart items, a `need` shelf's words, business
 * rules and the fallback.
 */
export type ShelfQuery = Omit<ShelfRequest, 'limit'> & { limit?: number }

const NO_VERSION = () => 0

/**
 * Ranks `query` with `engine` and again whenever the engine says the ranking may have changed.
 * Undefined while there is no engine (on the server, and in the first client render, which must
 * match the server's HTML); a failing engine yields an empty shelf, reported once on the console.
 */
export function useShelf(engine: ShelfEngine | undefined, query: ShelfQuery): ShelfResult | undefined {
  const { placement, item, query: words, fallback } = query
  const limit = parseLimit(query.limit)
  // Lists and rules arrive as new objects on every render; their content decides a re-rank.
  const items = JSON.stringify(query.items ?? null)
  const rules = JSON.stringify(query.rules ?? null)
  const request: ShelfRequest = { placement, item, limit, ...(query.items && { items: query.items }), ...(words !== undefined && { query: words }), ...(query.rules && { rules: query.rules }), ...(fallback && { fallback }) }
  const report = useRef(reportOnce(() => `the "${placement}" shelf`)).current
  // Only notifications that concern this shelf re-rank it (see createShelfGate).
  const gate = useRef(createShelfGate()).current
  const current = useRef(request)
  current.current = request
  // A version counter is the store: recommend() builds a new result each call, which
  // useSyncExternalStore's snapshot must not do.
  const store = useMemo(() => {
    let version = 0
    return {
      subscribe(listener: () => void) {
        try {
          return engine ? engine.subscribe((change) => gate.affects(change, current.current) && (version++, listener())) : () => {}
        } catch (error) {
          report(error)
          return () => {}
        }
      },
      version: () => version,
    }
  }, [engine])
  const version = useSyncExternalStore(store.subscribe, store.version, NO_VERSION)
  // `version` is not read, but a bump must re-rank: it is the whole point of subscribing.
  return useMemo(() => {
    if (!engine) return undefined
    const result = rankOrEmpty(engine, request, report)
    gate.ranked(request, result.items.map((i) => i.id), engine.inputVersions?.())
    return result
  }, [engine, placement, item, limit, words, fallback, items, rules, version])
}

/**
 * Creates the engine once the component has mounted (never on the server) and disposes of it on
 * unmount; `options` are read once. Undefined until then, so server and first client render agree.
 */
export function useEngine<E extends { dispose(): void }>(create: () => E): E | undefined {
  const [engine, setEngine] = useState<E>()
  const createRef = useRef(create)
  useEffect(() => {
    const created = createRef.current()
    setEngine(created)
    return () => {
      created.dispose()
      setEngine(undefined)
    }
  }, [])
  return engine
}
