import type { ShelfEngine, ShelfRequest, ShelfResult } from './engine-types'

/** The engine's ranking, or an empty shelf when the engine throws (reported through `report`). */
export function rankOrEmpty(engine: ShelfEngine, request: ShelfRequest, report: (error: unknown) => void): ShelfResult {
  try {
    return engine.recommend(request)
  } catch (error) {
    report(error)
    return { placement: request.placement, items: [], source: 'popular' }
  }
}
