import type { MethodFactory } from '../method'
import { createEaseMethod } from './ease'
import { createItemKnnMethod } from './itemknn'
import { createPopularityMethod } from './popularity'
import { createRandomMethod } from './random'

export { createEaseMethod, createItemKnnMethod, createPopularityMethod, createRandomMethod }
export type { EaseOptions } from './ease'
export type { ItemKnnOptions } from './itemknn'

/** The four reference rows of every table, in table order: random, popularity, itemknn, ease. */
export const BASELINES: readonly MethodFactory[] = [
  createRandomMethod,
  createPopularityMethod,
  (context) => createItemKnnMethod(context),
  (context) => createEaseMethod(context),
]
