import { useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks'
import type { ShelfEngine, ShelfRequest, ShelfResult } from './engine-types'
import { rankOrEmpty } from './rank-or-empty'
import { reportOnce } from './report'
import { createShelfGate } from './shelf-gate'

/**
 * Ranks `request` with `engine` and ranks again whenever the engine says the ranking may have
 * changed. A failing engine yields an empty shelf (reported once to the console) instead of
 * taking the host app down with it.
 */
export function useShelf(engine: ShelfEngine, request: ShelfRequest): ShelfResult {
  const { placement, item, limit, query, fallback } = request
  // Lists and rules arrive as new objects on every render; their content decides a re-rank.
  const items = JSON.stringify(request.items ?? null)
  const rules = JSON.stringify(request.rules ?? null)
  const [version, setVersion] = useState(0)
  const report = useRef(reportOnce(() => `the "${placement}" shelf`)).current
  // A layout effect subscribes in the same task as the first render, so no notification sent
  // between rendering and subscribing can be missed.
  // Only notifications that concern this shelf re-rank it (see createShelfGate).
  const gate = useRef(createShelfGate()).current
  const current = useRef(request)
  current.current = request
  useLayoutEffect(() => {
    try {
      return engine.subscribe((change) => {
        if (gate.affects(change, current.current)) setVersion((v) => v + 1)
      })
    } catch (error) {
      report(error)
    }
  }, [engine])
  // `version` is not read, but a bump must re-rank: it is the whole point of subscribing.
  return useMemo(() => {
    const result = rankOrEmpty(engine, { ...request, placement, item, limit }, report)
    gate.ranked(request, result.items.map((i) => i.id), engine.inputVersions?.())
    return result
  }, [engine, placement, item, limit, query, fallback, items, rules, version])
}
