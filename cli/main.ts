// `localshelf` command-line tools: `eval` (the quality table) and `pretrain` (the shop model).
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createEaseMethod, createItemKnnMethod, createPopularityMethod, createRandomMethod } from '../src/eval/baselines'
import type { MethodFactory } from '../src/eval/method'
import { readDataset } from '../src/eval/io'
import { makeSplit, PROTOCOLS, type ProtocolName } from '../src/eval/protocol'
import { runEvaluation } from '../src/eval/run'
import { formatTable, toJson } from '../src/eval/table'
import { contentMethod, shopMethods } from './model-methods'
import { easeNeighborsOf, encodePretrained, pretrainShopModel, PRETRAIN_DEFAULTS, type PretrainOptions } from './pretrain'
import { sequenceFlags, SEQ_USAGE } from './seq-flags'
import { loadTf, type NodeBackend } from './tf-node'

const USAGE = `localshelf — on-device product recommendations, command-line tools

  localshelf eval --data DIR [--protocol loo|new-shopper|both] [--json FILE] [--seed N]
                  [--epochs N] [--neighbors K] [--backend wasm|cpu] [--methods LIST]
      Runs the evaluation protocol on DIR/catalog.json + DIR/events.csv and prints the table
      (HR@10, NDCG@10, MRR@10, coverage@10, users, training time, ranking time per user)
      for random, popularity, itemknn, ease, content, shop, shop+finetune.
      --methods: a comma-separated subset of those (default: all of them);
      --epochs: passes of the shop model's embedding training (best on validation is kept);
      --neighbors: EASE neighbours kept per item in the shop model (its size grows with it).

  localshelf pretrain --data DIR --out DIR [--seed N] [--epochs N] [--neighbors K] [--backend wasm|cpu]
      Trains the shop model from the shop's catalog and order history and writes
      OUT/model.json + OUT/weights.bin; serve OUT and point the widget at it with
      <script ... data-model="/shop-model/">.

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

const log = (line: string) => process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${line}\n`)

async function evalCommand(flags: Flags): Promise<void> {
  const dir = need(flags, 'data')
  const protocolFlag = (flags.protocol ?? 'both') as string
  if (!['loo', 'new-shopper', 'both'].includes(protocolFlag)) throw new Error(`--protocol must be loo, new-shopper or both, got "${protocolFlag}"`)
  const protocols: ProtocolName[] = protocolFlag === 'both' ? [...PROTOCOLS] : [protocolFlag as ProtocolName]
  const seed = int(flags, 'seed', 1)
  const data = await readDataset(dir)
  const tf = await loadTf(backendOf(flags))
  log(`tfjs backend: ${tf.getBackend()}`)
  const pretrain: PretrainOptions = { epochs: int(flags, 'epochs', PRETRAIN_DEFAULTS.epochs), neighbors: int(flags, 'neighbors', PRETRAIN_DEFAULTS.neighbors), sequence: sequenceFlags(flags) }
  // The shop model's neighbour lists come from the same EASE fit as the baseline's (its tuned
  // lambda, its matrix) rather than a second n^3 fit; they are taken before the baseline is disposed.
  const fitted = new Map<string, PretrainOptions['ease']>()
  const ease: MethodFactory = (context) => {
    const method = createEaseMethod(context)
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
    random: createRandomMethod, popularity: createPopularityMethod, itemknn: (c) => createItemKnnMethod(c), ease, content: contentMethod, shop, 'shop+finetune': finetune,
  }
  const methods = methodsOf(flags, all)
  // Read when EASE fits: without a shop row its neighbour lists would be computed for nothing.
  const shopSelected = methods.includes(shop) || methods.includes(finetune)
  const result = await runEvaluation({ data, protocols, seed, methods, log })
  process.stdout.write(formatTable(result) + '\n')
  if (typeof flags.json === 'string') {
    await writeFile(flags.json, toJson(result) + '\n')
    log(`wrote ${flags.json}`)
  }
}

async function pretrainCommand(flags: Flags): Promise<void> {
  const dir = need(flags, 'data')
  const out = need(flags, 'out')
  const seed = int(flags, 'seed', 1)
  const data = await readDataset(dir)
  const tf = await loadTf(backendOf(flags))
  // The leave-one-out split's training part: each shopper's last basket is held out so EASE's
  // lambda and the neighbour scale are tuned on data the model did not see.
  const split = makeSplit('loo', data, seed)
  const started = performance.now()
  const model = await pretrainShopModel(tf, data.items, split.train, { seed, epochs: int(flags, 'epochs', PRETRAIN_DEFAULTS.epochs), neighbors: int(flags, 'neighbors', PRETRAIN_DEFAULTS.neighbors), sequence: sequenceFlags(flags) }, log)
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
