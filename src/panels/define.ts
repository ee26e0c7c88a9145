import type { Localshelf } from '../app/engine'
import { definePrivacyPanel } from './privacy-panel'
import { defineStatsPanel } from './stats-panel'

/** Defines <local-shelf-privacy> and <local-shelf-stats> on the engine `getEngine` resolves to. */
export function definePanels(getEngine: () => Promise<Localshelf>): void {
  definePrivacyPanel(getEngine)
  defineStatsPanel(getEngine)
}
