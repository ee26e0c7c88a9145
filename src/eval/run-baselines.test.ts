import { test } from 'vitest'
import { writeFileSync } from 'node:fs'
import { readDataset } from './io'
import { runEvaluation } from './run'
import { formatTable, toJson } from './table'
import { BASELINES, createItemKnnMethod } from './baselines'
import type { MethodFactory } from './method'
import type { ProtocolName } from './protocol'

test('baselines on retail', async () => {
  const data = await readDataset(process.env.DATA ?? '/work/shared/data/online-retail-uci')
  const protocols = (process.env.PROTOCOLS ?? 'loo').split(',') as ProtocolName[]
  let methods: MethodFactory[] = [...BASELINES]
  if (process.env.KNN_ALL) methods.push((c) => ({ ...createItemKnnMethod(c, { neighbours: 0 }), name: 'itemknn-all' }))
  if (process.env.ONLY) methods = methods.filter((f) => process.env.ONLY!.split(',').includes(f({ protocol: 'loo', items: data.items, seed: 0 }).name))
  const t0 = performance.now()
  const result = await runEvaluation({ data, protocols, seed: 1, methods, log: (l) => process.stderr.write(`[${((performance.now() - t0) / 1000).toFixed(0)}s] ${l}\n`) })
  console.log(formatTable(result))
  writeFileSync(process.env.OUT ?? '/tmp/eval-result.json', toJson(result))
}, 3_600_000)
