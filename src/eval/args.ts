import { ALL_PROTOCOLS, PROTOCOLS } from './protocol'
import type { ProtocolName } from './protocol'
import { DEFAULT_SEED } from './run'

/** The options of `localshelf eval`. */
export interface EvalArgs {
  /** Directory holding catalog.json and events.csv. */
  data: string
  protocols: ProtocolName[]
  /** Where to write the JSON results, if anywhere. */
  json?: string
  seed: number
}

export const EVAL_USAGE = 'usage: localshelf eval --data DIR [--protocol loo|new-shopper|session|both|all] [--json FILE] [--seed N]'

/** Parses `eval`'s arguments (after the subcommand). Throws with the usage line on any mistake. */
export function parseEvalArgs(argv: readonly string[]): EvalArgs {
  const fail = (problem: string): never => { throw new Error(`${problem}\n${EVAL_USAGE}`) }
  const values: Record<string, string> = {}
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    const eq = arg.indexOf('=')
    const name = eq > 0 ? arg.slice(0, eq) : arg
    if (!['--data', '--protocol', '--json', '--seed'].includes(name)) fail(`unknown argument "${arg}"`)
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i]
    if (value === undefined || value === '' || (eq < 0 && value.startsWith('--'))) fail(`${name} needs a value`)
    values[name] = value
  }
  if (!values['--data']) fail('--data DIR is required (a directory with catalog.json and events.csv)')
  const protocol = values['--protocol'] ?? 'both'
  if (protocol !== 'both' && protocol !== 'all' && !ALL_PROTOCOLS.includes(protocol as ProtocolName)) fail(`--protocol must be loo, new-shopper, session, both (loo + new-shopper) or all, not "${protocol}"`)
  const seedText = values['--seed'] ?? String(DEFAULT_SEED)
  const seed = Number(seedText)
  if (!Number.isSafeInteger(seed) || seed < 0) fail(`--seed must be a non-negative integer, not "${seedText}"`)
  return {
    data: values['--data'],
    protocols: protocol === 'both' ? [...PROTOCOLS] : protocol === 'all' ? [...ALL_PROTOCOLS] : [protocol as ProtocolName],
    json: values['--json'],
    seed,
  }
}
