// Packs training sequences into one step's index tables: right-padded to the batch's longest
// window (batches group similar lengths, see packBatches), and only the real positions become loss
// rows, so the [rows x items] output product never touches padding.

/** One shopper's interest events, oldest first: item rows and encoder type rows. */
export interface Sequence {
  items: ArrayLike<number>
  types: ArrayLike<number>
  /** Per position: 1 when the item at this position is a next-item target (default: all). */
  targetMask?: ArrayLike<number>
}

export interface SeqBatch {
  size: number
  length: number
  items: Int32Array
  positions: Int32Array
  types: Int32Array
  causal: Float32Array
  rows: Int32Array
  targets: Int32Array
}

/** Additive mask value: exp(-1e4) underflows to 0 in float32, and -1e4 still fits half floats (WebGL). */
export const MASKED = -1e4

/**
 * Index tables of one step. Each sequence keeps its last maxLen + 1 items: positions 0..m-2 are
 * inputs, and each predicts the item after it (every position is a training example).
 */
export function buildSeqBatch(sequences: Sequence[], maxLen: number): SeqBatch {
  const windows = sequences.map((s) => Math.max(0, s.items.length - maxLen - 1))
  const length = Math.max(1, ...sequences.map((s, b) => s.items.length - windows[b] - 1))
  const size = sequences.length
  const items = new Int32Array(size * length)
  const positions = new Int32Array(size * length)
  const types = new Int32Array(size * length)
  const rows: number[] = []
  const targets: number[] = []
  sequences.forEach((s, b) => {
    const from = windows[b]
    const m = s.items.length - from - 1
    for (let r = 0; r < m; r++) {
      const slot = b * length + r
      items[slot] = s.items[from + r]
      types[slot] = s.types[from + r]
      positions[slot] = r
      if (!s.targetMask || s.targetMask[from + r + 1]) {
        rows.push(slot)
        targets.push(s.items[from + r + 1])
      }
    }
  })
  const causal = new Float32Array(length * length)
  for (let i = 0; i < length; i++) for (let j = i + 1; j < length; j++) causal[i * length + j] = MASKED
  return { size, length, items, positions, types, causal, rows: Int32Array.from(rows), targets: Int32Array.from(targets) }
}

/**
 * Splits sequences (already shuffled) into batches of about `rowsPerBatch` target rows. Sequences
 * are sorted by length inside chunks of a few batches, so a batch pads little while the order of
 * batches stays random.
 */
export function packBatches(sequences: Sequence[], maxLen: number, rowsPerBatch: number): Sequence[][] {
  const rowsOf = (s: Sequence) => Math.min(s.items.length, maxLen + 1) - 1
  const chunk = rowsPerBatch * 8
  const batches: Sequence[][] = []
  let start = 0
  while (start < sequences.length) {
    let end = start
    let rows = 0
    while (end < sequences.length && rows < chunk) rows += rowsOf(sequences[end++])
    const part = sequences.slice(start, end).sort((a, b) => rowsOf(a) - rowsOf(b))
    let current: Sequence[] = []
    let n = 0
    for (const s of part) {
      current.push(s)
      n += rowsOf(s)
      if (n >= rowsPerBatch) {
        batches.push(current)
        current = []
        n = 0
      }
    }
    if (current.length) batches.push(current)
    start = end
  }
  return batches
}

/**
 * Classes of a sampled-softmax step: the batch's targets plus `negatives` uniform draws (distinct),
 * and each class's log-probability of being in the set: log min(1, rows x p(j) + negatives / items),
 * with p(j) the item's share of training targets (the mixed in-batch + uniform sampling of Yang et
 * al. 2020). Re-indexes `batch.targets` to positions in the class list, in place.
 */
export function sampleClasses(
  batch: SeqBatch,
  items: number,
  negatives: number,
  targetShare: Float32Array,
  random: () => number,
  /** Items that are always classes (explicit negatives: shown and passed over, dismissed); log q = 0. */
  forced: ArrayLike<number> = [],
): { candidates: Int32Array; logQ: Float32Array } {
  const position = new Map<number, number>()
  const list: number[] = []
  const add = (j: number) => {
    let p = position.get(j)
    if (p === undefined) { p = list.length; position.set(j, p); list.push(j) }
    return p
  }
  for (let r = 0; r < batch.targets.length; r++) batch.targets[r] = add(batch.targets[r])
  const always = new Set<number>()
  for (let k = 0; k < forced.length; k++) { add(forced[k]); always.add(forced[k]) }
  const want = Math.min(items, list.length + negatives)
  while (list.length < want) add(Math.floor(random() * items))
  const rows = batch.targets.length
  const uniform = negatives / items
  const logQ = new Float32Array(list.length)
  // A class with no sampling probability (no target share known, no uniform draws) is there only
  // because this batch has it as a target: deterministic, log q = 0.
  list.forEach((j, c) => {
    const q = rows * targetShare[j] + uniform
    logQ[c] = always.has(j) || !(q > 0) ? 0 : Math.log(Math.min(1, q))
  })
  return { candidates: Int32Array.from(list), logQ }
}
