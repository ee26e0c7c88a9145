/**
 * The seqs retention drops: every expired one, then the oldest of the rest until at most
 * `maxEvents` remain. `seqs` is every stored seq in ascending order; `expired` the subset older
 * than the age limit (the impression counts pass their string keys, oldest day first). Works on keys only, so IndexedDB never has to load the events themselves.
 */
export const retentionCut = <K extends number | string>(seqs: readonly K[], expired: readonly K[], maxEvents: number): K[] => {
  const gone = new Set(expired)
  const kept = seqs.filter((seq) => !gone.has(seq))
  return [...expired, ...kept.slice(0, Math.max(0, kept.length - maxEvents))]
}
