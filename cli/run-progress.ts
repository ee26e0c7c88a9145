// Whole-run progress of `localshelf pretrain` on stderr: a redrawn bar on a terminal, otherwise
// one line per phase and per epoch (logs and CI keep a readable record).
import { bar, progressLine, type ProgressFields } from './run-budget'

export interface RunProgress {
  /** Seconds since the run started. */
  elapsed(): number
  /** Starts phase `phase` (1-based); `eta`: the whole run's remaining seconds as now estimated. */
  phase(phase: number, eta: number): void
  /** Progress within the phase; `line`: also print it when stderr is not a terminal. */
  update(f: Omit<ProgressFields, 'phase' | 'phases' | 'name' | 'elapsed'>, line: boolean): void
}

/** `enabled` false (no whole-run budget, e.g. the eval): phase and update print nothing. */
export function createRunProgress(names: readonly string[], startedMs: number, log: (line: string) => void, enabled = true): RunProgress {
  const tty = Boolean(process.stderr.isTTY)
  let current = 0
  const elapsed = () => (performance.now() - startedMs) / 1000
  const fields = (f: Partial<ProgressFields> & { eta: number }): ProgressFields => ({ phase: current, phases: names.length, name: names[current - 1] ?? '', elapsed: elapsed(), ...f })
  return {
    elapsed,
    phase(phase, eta) {
      if (!enabled) return
      if (tty) process.stderr.write('\r' + ' '.repeat(100) + '\r')
      current = phase
      log(progressLine(fields({ eta })))
    },
    update(f, line) {
      if (!enabled) return
      const text = progressLine(fields(f))
      if (tty) {
        process.stderr.write(`\r${f.done !== undefined && f.total ? bar(f.done, f.total) + ' ' : ''}${text}   `)
        if (line) process.stderr.write('\r' + ' '.repeat(100) + '\r')
      } else if (line) log(text)
    },
  }
}
