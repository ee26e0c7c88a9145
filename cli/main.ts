// `localshelf` command-line tools: `eval` (the quality table) and `pretrain` (the shop model).
import { mkdir, writeFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { createEaseMethod, createItemKnnMethod, createPopularityMethod, createRandomMethod } from '../src/eval/baselines'
import type { MethodFactory } from '../src/eval/method'
import { readDataset } from '../src/eval/io'
import { DEFAULT_TUNE_ITEMS } from '../src/eval/baselines/ease'
import { demoteIgnored } from '../src/eval/demote-ignored'
import { ALL_PROTOCOLS, makeSplit, PROTOCOLS, type ProtocolName } from '../src/eval/protocol'
import { runEvaluation } from '../src/eval/run'
import { formatTable, toJson } from '../src/eval/table'
import { contentMethod, shopMethods } from './model-methods'
import { easeNeighborsOf, encodePretrained, pretrainShopModel, PRETRAIN_BUDGET, PRETRAIN_DEFAULTS, type PretrainOptions } from './pretrain'
import { progressLine } from './run-budget'
import { sequenceFlags, SEQ_USAGE } from './seq-flags'
import { loadTf, type NodeBackend } from './tf-node'

const USAGE = `localshelf — on-device product recommendations, command-line tools

  localshelf eval --data DIR [--protocol loo|new-shopper|session|both|all] [--json FILE] [--seed N]
                  [--epochs N] [--neighbors K] [--backend wasm|cpu] [--methods LIST] [--lambdas LIST]
                  [--threads N] [--tune-items N] [--exact-max-items N]
      Runs the evaluation protocol on DIR/catalog.json + DIR/events.csv and prints the table
      (HR and NDCG at 5, 10 and 20, MRR@10, coverage@10, users, training time, ranking time per
      user) for random, popularity, itemknn, ease, content, shop, shop+rule, shop+finetune.
      --protocol: both (default) = loo + new-shopper; all adds session, where each held-out
      shopper is replayed with the method's top-10 shelf and the shown items not picked come
      back as impression events (shop+rule, the shop model demoting items ignored twice, only
      runs there);
      --methods: a comma-separated subset of those (default: all of them);
      --lambdas: EASE's lambda grid, for the ease row and the shop model's neighbour lists alike
      (default 10,25,50,100,200,500,1000,2000; one value = no tuning);
      --threads: worker threads for EASE's exact inverse (default 1);
      --tune-items: EASE tunes lambda on the N most frequent items, then fits the whole catalogue
      exactly (default 4000; 0 = tune on the whole catalogue, one exact fit per lambda);
      --epochs: passes of the shop model's embedding training (best on validation is kept);
      --neighbors: EASE neighbours kept per item in the shop model (its size grows with it);
      --exact-max-items: as in pretrain (e.g. 4000): larger catalogues get co-occurrence neighbour
      lists in the shop model (default: exact EASE up to 8,000 items, no neighbour lists above).

  localshelf pretrain --data DIR --out DIR [--seed N] [--epochs N] [--neighbors K] [--backend wasm|cpu]
                      [--minutes 4] [--exact-max-items 4000] [--tune-items 1500]
      Trains the shop model from the shop's catalog and order history and writes
      OUT/model.json + OUT/weights.bin; serve OUT and point the widget at it with
      <script ... data-model="/shop-model/">.
      --minutes: the whole run's time budget (default 4; data, neighbours, sequence model and
      blend together: the sequence model trains for what the other phases leave, an epoch ending
      early at the limit). Progress lines give phase, done/total, elapsed and the whole run's ETA (redrawn on
      a terminal, one line per phase and epoch otherwise);
      --exact-max-items: catalogues up to N items get exact EASE neighbours (n^3), larger ones
      co-occurrence top-k lists (cosine; linear in the events), weighed on validation like EASE's;
      --tune-items: EASE tunes lambda on the N most frequent items, then one exact fit
      (default 1500; 0 = the whole catalogue).

${SEQ_USAGE}`

type Flags = Record<string, string | true>

function parseFlags(args: string[]): Flags {
  const flags: Flags = {}
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]
    if (!arg.startsWith('--')) throw new Error(`unexpected argument "${arg}"; options start with --, see --help`)
    const [name, inline] = arg.slice(2).split('=', 2)
    if (inline !== undefined) flags[name] = inline
    else if (i + 1 < args.length && !args[i + 1].startsWith('--')) flags[name] = args[++i]
    else flags[name] = true
  }
  return flags
}

function need(flags: Flags, name: string): string {
  const value = flags[name]
  if (typeof value !== 'string' || !value) throw new Error(`--${name} is required (e.g. --${name} ${name === 'out' ? 'public/shop-model' : '../shared/data/online-retail-uci'}); see --help`)
  return value
}

function int(flags: Flags, name: string, fallback: number): number {
  const value = flags[name]
  if (value === undefined) return fallback
  const n = Number(value)
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number, got "${String(value)}"`)
  return n
}

function positive(flags: Flags, name: string, fallback: number): number {
  const value = flags[name]
  if (value === undefined) return fallback
  const n = Number(value)
  if (typeof value !== 'string' || !Number.isFinite(n) || n <= 0) throw new Error(`--${name} must be a positive number of minutes (default ${fallback}), got "${String(value)}"`)
  return n
}

function backendOf(flags: Flags): NodeBackend {
  const b = flags.backend ?? 'wasm'
  if (b !== 'wasm' && b !== 'cpu') throw new Error(`--backend must be wasm or cpu, got "${String(b)}"`)
  return b
}

function methodsOf(flags: Flags, all: Record<string, MethodFactory>): MethodFactory[] {
  const value = flags.methods
  if (value === undefined) return Object.values(all)
  const names = typeof value === 'string' ? value.split(',').map((m) => m.trim()).filter(Boolean) : []
  const unknown = names.filter((m) => !(m in all))
  if (!names.length || unknown.length) {
    throw new Error(`--methods takes a comma-separated list of ${Object.keys(all).join(', ')}; got "${String(value)}"`)
  }
  return Object.entries(all).filter(([name]) => names.includes(name)).map(([, factory]) => factory)
}

/** The eval's own command for the JSON (reports quote it): flags as given, --json left out, the data path relative. */
function commandLine(flags: Flags, dir: string): string {
  const parts = Object.entries(flags).filter(([name]) => name !== 'json' && name !== 'data').map(([name, v]) => (v === true ? `--${name}` : `--${name} ${v}`))
  return ['localshelf eval --data', relative(process.cwd(), dir) || '.', ...parts].join(' ')
}

function lambdasOf(flags: Flags): number[] | undefined {
  const value = flags.lambdas
  if (value === undefined) return undefined
  const list = typeof value === 'string' ? value.split(',').map((v) => Number(v.trim())) : []
  if (!list.length || list.some((v) => !(v > 0) || !Number.isFinite(v))) throw new Error(`--lambdas takes a comma-separated list of positive numbers (e.g. 25,50,100), got "${String(value)}"`)
  return list
}

const log = (line: string) => process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${line}\n`)

async function evalCommand(flags: Flags): Promise<void> {
  const dir = need(flags, 'data')
  const protocolFlag = (flags.protocol ?? 'both') as string
  if (![...ALL_PROTOCOLS, 'both', 'all'].includes(protocolFlag)) throw new Error(`--protocol must be loo, new-shopper, session, both (loo + new-shopper) or all, got "${protocolFlag}"`)
  const protocols: ProtocolName[] = protocolFlag === 'both' ? [...PROTOCOLS] : protocolFlag === 'all' ? [...ALL_PROTOCOLS] : [protocolFlag as ProtocolName]
  const lambdas = lambdasOf(flags)
  const seed = int(flags, 'seed', 1)
  const data = await readDataset(dir)
  const tf = await loadTf(backendOf(flags))
  log(`tfjs backend: ${tf.getBackend()}`)
  const pretrain: PretrainOptions = {
    epochs: int(flags, 'epochs', PRETRAIN_DEFAULTS.epochs), neighbors: int(flags, 'neighbors', PRETRAIN_DEFAULTS.neighbors), sequence: sequenceFlags(flags), lambdas,
    // As pretrain picks its neighbour lists: without it, a catalogue above 8,000 items gets none in the eval.
    ...(flags['exact-max-items'] !== undefined && { exactMaxItems: int(flags, 'exact-max-items', PRETRAIN_BUDGET.exactMaxItems) }),
  }
  // The shop model's neighbour lists come from the same EASE fit as the baseline's (its tuned
  // lambda, its matrix) rather than a second n^3 fit; they are taken before the baseline is disposed.
  const fitted = new Map<string, PretrainOptions['ease']>()
  const ease: MethodFactory = (context) => {
    const method = createEaseMethod(context, { lambdas, threads: int(flags, 'threads', 1) || 1, tuneItems: int(flags, 'tune-items', DEFAULT_TUNE_ITEMS) || Infinity })
    const fit = method.fit.bind(method)
    method.fit = async (train, progress) => {
      await fit(train, progress)
      const lambda = method.params?.lambda
      if (typeof lambda === 'number' && shopSelected) fitted.set(context.protocol, { neighbors: easeNeighborsOf(method, context.items.length, pretrain.neighbors!, context.protocol), lambda })
    }
    return method
  }
  const { shop, finetune } = shopMethods(tf, pretrain, (protocol) => {
    const once = fitted.get(protocol)
    fitted.delete(protocol) // the shop model refits these weights in place: hand them out once
    return once
  })
  const all: Record<string, MethodFactory> = {
    random: createRandomMethod, popularity: createPopularityMethod, itemknn: (c) => createItemKnnMethod(c), ease, content: contentMethod, shop,
    // The frozen shop model with the plain rule the fine-tune must beat (session protocol only).
    'shop+rule': (c) => demoteIgnored(shop(c), { name: 'shop+rule' }),
    'shop+finetune': finetune,
  }
  const methods = methodsOf(flags, all)
  // Read when EASE fits: without a shop row its neighbour lists would be computed for nothing.
  const shopSelected = methods.includes(shop) || methods.includes(finetune) || methods.includes(all['shop+rule'])
  const result = await runEvaluation({ data, protocols, seed, methods, log })
  result.command = commandLine(flags, dir)
  process.stdout.write(formatTable(result) + '\n')
  if (typeof flags.json === 'string') {
    await writeFile(flags.json, toJson(result) + '\n')
    log(`wrote ${flags.json}`)
  }
}

async function pretrainCommand(flags: Flags): Promise<void> {
  const startedMs = performance.now()
  const dir = need(flags, 'data')
  const out = need(flags, 'out')
  const seed = int(flags, 'seed', 1)
  // --minutes is the whole run's budget here (the eval's is the sequence model's training alone).
  const budgetMinutes = positive(flags, 'minutes', PRETRAIN_BUDGET.minutes)
  log(progressLine({ phase: 1, phases: 4, name: 'data', elapsed: 0, eta: budgetMinutes * 60 }))
  const data = await readDataset(dir)
  const tf = await loadTf(backendOf(flags))
  // The leave-one-out split's training part: each shopper's last basket is held out so EASE's
  // lambda and the neighbour scale are tuned on data the model did not see.
  const split = makeSplit('loo', data, seed)
  const started = startedMs
  const model = await pretrainShopModel(tf, data.items, split.train, {
    seed, epochs: int(flags, 'epochs', PRETRAIN_DEFAULTS.epochs), neighbors: int(flags, 'neighbors', PRETRAIN_DEFAULTS.neighbors), sequence: sequenceFlags(flags),
    budgetMinutes, startedMs, exactMaxItems: int(flags, 'exact-max-items', PRETRAIN_BUDGET.exactMaxItems), tuneItems: int(flags, 'tune-items', PRETRAIN_BUDGET.tuneItems) || Infinity,
  }, log)
  const { manifest, bin } = encodePretrained(model, {
    ...model.params, dataset: data.name, users: split.train.users.length, seconds: Math.round((performance.now() - started) / 1000),
  })
  await mkdir(out, { recursive: true })
  await writeFile(join(out, 'model.json'), JSON.stringify(manifest))
  await writeFile(join(out, 'weights.bin'), bin)
  log(`wrote ${join(out, 'model.json')} and ${join(out, 'weights.bin')} (${(bin.length / 1024).toFixed(0)} KB)`)
}

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv
  try {
    if (!command || command === '--help' || command === '-h' || command === 'help') {
      process.stdout.write(USAGE)
      return command ? 0 : 2
    }
    const flags = parseFlags(rest)
    if (flags.help) {
      process.stdout.write(USAGE)
      return 0
    }
    if (command === 'eval') await evalCommand(flags)
    else if (command === 'pretrain') await pretrainCommand(flags)
    else throw new Error(`unknown command "${command}"; use eval or pretrain (see --help)`)
    return 0
  } catch (error) {
    process.stderr.write(`localshelf ${command}: ${error instanceof Error ? error.message : String(error)}\n`)
    return 1
  }
}
