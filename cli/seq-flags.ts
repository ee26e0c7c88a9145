// Command-line settings of the sequence model, shared by `eval` and `pretrain`.
import { SEQ_DEFAULTS, type SeqOptions } from './seq-pretrain'

export const SEQ_USAGE = `      Sequence model (the shop model): [--dim 64] [--max-len 50] [--blocks 2] [--heads 1]
      [--dropout 0.5] [--lr 0.002] [--batch-rows 1024] [--negatives 2048] [--max-epochs 200] [--patience 5]
      [--minutes 15] (--negatives 0: full softmax over the catalogue; training stops at the first of: max epochs, patience epochs without a
      better validation score, the time budget; the best epoch is kept); --legacy-model trains
      the older weighted-mean model instead.
`

type Flags = Record<string, string | true>

const NAMES: Record<string, keyof SeqOptions> = {
  dim: 'dim', 'max-len': 'maxLen', blocks: 'blocks', heads: 'heads', dropout: 'dropout', lr: 'learningRate',
  'batch-rows': 'rowsPerBatch', negatives: 'negatives', 'max-epochs': 'epochs', patience: 'patience', minutes: 'minutes', 'weight-decay': 'weightDecay',
}

/** The sequence options given on the command line (false with --legacy-model). */
export function sequenceFlags(flags: Flags): Partial<SeqOptions> | false {
  if (flags['legacy-model']) return false
  const out: Partial<SeqOptions> = {}
  for (const [flag, key] of Object.entries(NAMES)) {
    const value = flags[flag]
    if (value === undefined) continue
    const n = Number(value)
    if (typeof value !== 'string' || !Number.isFinite(n) || n < 0) throw new Error(`--${flag} must be a non-negative number (default ${SEQ_DEFAULTS[key]}), got "${String(value)}"`)
    out[key] = n
  }
  if (out.dropout !== undefined && out.dropout >= 1) throw new Error(`--dropout must be below 1, got ${out.dropout}`)
  return out
}
