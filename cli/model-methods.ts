// The product's rows of the evaluation table: the same ranking (src/core/recommend) and the same
// fine-tuning (src/model/fine-tune) that run in the browser, fed the evaluated shopper's history.
import { buildContentFeatures } from '../src/core/features'
import { historyContext } from '../src/core/history'
import { personalScores, type RankState } from '../src/core/recommend'
import type { ContentFeatures, Item, ModelWeights, StoredEvent } from '../src/core/types'
import { itemVectors } from '../src/core/vectors'
import { cloneWeights, initWeights } from '../src/core/weights'
import type { HistoryEvent } from '../src/eval/dataset'
import type { Method, MethodContext, MethodFactory } from '../src/eval/method'
import { FINE_TUNE, type FineTuner } from '../src/model/fine-tune'
import { createModelFineTuner } from '../src/model/model-fine-tuner'
import { SEQ_FINE_TUNE } from '../src/model/seq-fine-tune'
import type { TF } from '../src/model/tf-types'
import { asShipped, pretrainShopModel, type PretrainOptions } from './pretrain'

/** Events of the evaluation as the widget stores them (ids as strings, seq in order). */
export function toStored(items: Item[], events: readonly HistoryEvent[], firstSeq = 1): StoredEvent[] {
  return events.map((e, i) => ({ seq: firstSeq + i, item: items[e.item].id, ts: e.ts, type: e.type }))
}

function rankState(weights: ModelWeights, features: ContentFeatures, popularity: Float32Array, personal: boolean, contentWeight = FINE_TUNE.contentWeight): RankState {
  return { count: weights.itemIds.length, features, weights, vectors: itemVectors(weights, features), personal, popularity, contentWeight }
}

function scoreWith(state: RankState, items: Item[], history: readonly HistoryEvent[]): Float32Array {
  const stored = toStored(items, history)
  const index = new Map(items.map((it, i) => [it.id, i]))
  return personalScores(state, historyContext(stored, (id) => index.get(id)))
}

/** content: no shop model; the widget's starting point (hashed TF-IDF + random-projection embeddings). */
export const contentMethod: MethodFactory = ({ items }: MethodContext): Method => {
  let state: RankState | undefined
  return {
    name: 'content',
    fit() {
      const features = buildContentFeatures(items)
      state = rankState(initWeights(items.map((i) => i.id), { buckets: features.buckets }), features, new Float32Array(items.length), false)
    },
    scoreUser: (history) => scoreWith(state!, items, history),
  }
}

/** Shared by "shop" and "shop+finetune": one pretraining per protocol. */
export function shopMethods(
  tf: TF,
  options: PretrainOptions = {},
  /** Neighbour lists (and lambda) from the EASE baseline's fit for a protocol, so the shop model need not fit EASE again. */
  fittedEase: (protocol: string) => PretrainOptions['ease'] = () => undefined,
): { shop: MethodFactory; finetune: MethodFactory } {
  const fits = new Map<string, ReturnType<typeof pretrainShopModel>>()
  const fitOnce = (context: MethodContext, train: Parameters<Method['fit']>[0], log: (line: string) => void) => {
    const key = context.protocol
    if (!fits.has(key)) {
      fits.set(key, pretrainShopModel(tf, context.items, train, { ...options, seed: context.seed, ease: fittedEase(key) }, log).then(asShipped))
    }
    return fits.get(key)!
  }

  const shop: MethodFactory = (context) => {
    let state: RankState | undefined
    const self: Method = {
      name: 'shop',
      async fit(train, log) {
        const model = await fitOnce(context, train, log)
        state = rankState(model.weights, model.features, model.popularity, false, model.contentWeight)
        self.params = model.params
      },
      scoreUser: (history) => scoreWith(state!, context.items, history),
    }
    return self
  }

  const finetune: MethodFactory = (context) => {
    let model: Awaited<ReturnType<typeof pretrainShopModel>> | undefined
    let tuner: FineTuner | undefined
    let state: RankState | undefined
    let seq = 1
    const self: Method = {
      name: 'shop+finetune',
      async fit(train, log) {
        model = await fitOnce(context, train, log)
        self.params = model.weights.encoder
          ? { ...model.params, ...prefixed('fineTune', SEQ_FINE_TUNE) }
          : { ...model.params, ...FINE_TUNE, contentWeight: model.contentWeight }
      },
      resetUser() {
        tuner?.dispose()
        // Each shopper starts from the shop model, as a fresh browser would.
        // The shop model's content weight, as the widget passes it to its worker.
        // The fine-tune the widget's worker picks for this model (a sequence model: seq-fine-tune.ts).
        tuner = createModelFineTuner(tf, cloneWeights(model!.weights), model!.features, { ...FINE_TUNE, contentWeight: model!.contentWeight }, { seed: context.seed })
        state = undefined
        seq = 1
      },
      observe(_user, events) {
        tuner!.add(toStored(context.items, events, seq))
        seq += events.length
      },
      async scoreUser(history) {
        // Like the widget's debounce: one incremental update on everything new before a ranking
        // (so this row's ranking time includes the fine-tune).
        const { steps } = await tuner!.train()
        if (steps > 0) state = rankState(tuner!.weights, model!.features, model!.popularity, true, model!.contentWeight)
        // Before any training the fine-tuned model is the shop model.
        return scoreWith(state ?? rankState(model!.weights, model!.features, model!.popularity, false, model!.contentWeight), context.items, history)
      },
      dispose() {
        tuner?.dispose()
      },
    }
    return self
  }
  return { shop, finetune }
}

function prefixed(prefix: string, options: object): Record<string, number | string> {
  const out: Record<string, number | string> = {}
  for (const [k, v] of Object.entries(options)) out[prefix + k[0].toUpperCase() + k.slice(1)] = typeof v === 'boolean' ? String(v) : v
  return out
}
