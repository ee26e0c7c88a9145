import { describe, expect, it } from 'vitest'
import { validateCatalog, validateCatalogSteps } from './catalog'
import { buildContentFeatures, contentFeatureSteps } from './features'
import { parseJsonSteps } from './json-array'
import { runSteps, type Steps } from './steps'
import type { Item } from './types'
import { itemVectors, itemVectorSteps } from './vectors'
import { initWeights } from './weights'
import { createRandom } from './random'

// The chunked builders behind start-up (issue 9): the same results as the one-shot functions, and
// never more than `chunk` items between two yields, where the page gets the main thread back.

const WORDS = 'mug lamp chair linen oak blue red green wool cotton candle bowl plate vase rug throw'.split(' ')
function rows(count: number, seed = 3) {
  const random = createRandom(seed)
  const word = () => WORDS[Math.floor(random() * WORDS.length)]
  return Array.from({ length: count }, (_, i) => ({
    id: i % 97 === 5 ? `p${i - 1}` : `p${i}`, // some duplicates
    title: `${word()} ${word()} ${i % 13}`,
    description: i % 7 ? `${word()} ${word()} ${word()}` : 7,
    category: ['kitchen', 'bath', 'garden'][i % 3],
    price: i % 11 ? Math.round(random() * 9000) / 100 : 'cheap',
    tags: [word(), word()],
    url: i % 17 ? `/p/${i}` : 'javascript:alert(1)',
    brand: 'oak & co',
  }))
}

/** Runs steps to the end, collecting what each slice reported. */
function drain<T>(steps: Steps<T>): { value: T; slices: number[] } {
  const slices: number[] = []
  for (;;) {
    const next = steps.next()
    if (next.done) return { value: next.value, slices }
    slices.push(next.value)
  }
}

/** Counts reads of an array's elements between yields: the structural "never more than N items per slice". */
function countingArray<T>(values: T[]): { array: T[]; reads: () => number } {
  let reads = 0
  const array = new Proxy(values, {
    get(target, key, receiver) {
      if (typeof key === 'string' && /^\d+$/.test(key)) reads++
      return Reflect.get(target, key, receiver)
    },
  })
  return { array, reads: () => { const r = reads; reads = 0; return r } }
}

describe('chunked start-up builders', () => {
  const input = rows(2000)
  const allowUrl = (url: string) => url.startsWith('/')

  it('validateCatalogSteps equals validateCatalog and reads at most `chunk` rows per slice', () => {
    const { array, reads } = countingArray(input as unknown[])
    const steps = validateCatalogSteps(array, { allowUrl }, 100)
    const perSlice: number[] = []
    for (let next = steps.next(); ; next = steps.next()) {
      perSlice.push(reads())
      if (next.done) {
        expect(next.value).toEqual(validateCatalog(input, { allowUrl }))
        break
      }
      expect(next.value).toBeLessThanOrEqual(100)
    }
    expect(Math.max(...perSlice)).toBeLessThanOrEqual(100)
    expect(perSlice.length).toBeGreaterThanOrEqual(20)
  })

  it('contentFeatureSteps equals buildContentFeatures, in slices of at most `chunk` items over its three passes', () => {
    const items = validateCatalog(input).items
    const { array, reads } = countingArray(items as Item[])
    const steps = contentFeatureSteps(array, { buckets: 512, maxTokens: 8 }, 64)
    let next = steps.next()
    let slices = 0
    while (!next.done) {
      expect(next.value).toBeLessThanOrEqual(64)
      expect(reads()).toBeLessThanOrEqual(64)
      slices++
      next = steps.next()
    }
    expect(slices).toBe(3 * Math.ceil(items.length / 64))
    expect(next.value).toEqual(buildContentFeatures(items, { buckets: 512, maxTokens: 8 }))
  })

  it('itemVectorSteps equals itemVectors', () => {
    const items = validateCatalog(input).items
    const features = buildContentFeatures(items)
    const weights = initWeights(items.map((i) => i.id), { buckets: features.buckets })
    weights.itemEmb.forEach((_, i) => (weights.itemEmb[i] = Math.sin(i)))
    const { value, slices } = drain(itemVectorSteps(weights, features, 50))
    expect(Math.max(...slices)).toBeLessThanOrEqual(50)
    expect(slices.length).toBe(Math.ceil(items.length / 50))
    expect(value).toEqual(itemVectors(weights, features))
  })
})

describe('parseJsonSteps', () => {
  const parse = (text: string, chunk = 8) => runSteps(parseJsonSteps(text, chunk)).value

  it('parses a large array in slices to what JSON.parse gives, with a stable hash', () => {
    const text = JSON.stringify(rows(500))
    const { value, slices } = drain(parseJsonSteps(text, 1000))
    expect(value.value).toEqual(JSON.parse(text))
    expect(slices.length).toBeGreaterThanOrEqual(Math.floor(text.length / 1000) - 1)
    expect(Math.max(...slices)).toBeLessThanOrEqual(1000)
    expect(value.hash).toBe(runSteps(parseJsonSteps(text, 64)).hash)
    expect(value.hash).not.toBe(runSteps(parseJsonSteps(text.replace('"p1"', '"p9"'))).hash)
  })

  it('agrees with JSON.parse on strings with escapes, nesting and white space', () => {
    for (const text of [
      '[]', ' [ ] ', '[1]', '[{"a":"x,]}\\"","b":[1,[2,{"c":"]"}]]}, 2 ,"\\\\" ,null]\n',
      JSON.stringify([{ t: 'a "quoted", [bracketed] {braced} \\ value' }, [1, 2, [3]], 'é ✓']),
      '{"items":[{"id":1}]}', '"text"', '7',
    ]) {
      for (const chunk of [1, 3, 8, 1000]) expect(parse(text, chunk), `${text} by ${chunk}`).toEqual(JSON.parse(text))
    }
  })

  it('rejects what JSON.parse rejects', () => {
    for (const text of ['[1,]', '[1,  ,2]', '[,1]', '[1,2', '[1,2] x', '[1 2]', '["a]', '', '[{"a":1,}]', '[1,2]]', '   ,']) {
      expect(() => JSON.parse(text), text).toThrow(SyntaxError)
      for (const chunk of [1, 2, 8, 1000]) expect(() => parse(text, chunk), `${text} by ${chunk}`).toThrow(SyntaxError)
    }
  })
})
