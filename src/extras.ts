// The lazily loaded chunk beside the first-paint script: the privacy and stats panels, the
// statistics and privacy summaries, the aggregate noise, and the need shelf's query matching.
// The script tag fetches it as an ES module (localshelf-panels.js) the first time any of these
// is needed; npm users get it through a dynamic import.
export { definePanels, definePrivacyPanel, defineStatsPanel, PRIVACY_STRINGS, STATS_STRINGS } from './panels/index'
export { attribute, shelfStats } from './core/attribution'
export { privatize } from './core/privacy-noise'
export { summarisePrivacy } from './app/privacy'
export { maybeAggregate } from './app/stats'
export { buildQueryIndex, queryScores } from './core/query'
