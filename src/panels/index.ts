// The lazily loaded panels chunk (and npm entry "localshelf/panels"): <local-shelf-privacy> and
// <local-shelf-stats>. The script tag imports it only when a page holds one of them.
export { definePanels } from './define'
export { definePrivacyPanel, PRIVACY_STRINGS } from './privacy-panel'
export { defineStatsPanel, STATS_STRINGS } from './stats-panel'
