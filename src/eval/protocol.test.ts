import { describe, expect, it } from 'vitest'
import { parseDataset } from './dataset'
import { basketStarts, isNewShopper, leaveOneOutSplit, newShopperSplit } from './protocol'

const catalog = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => ({ id }))
const A = 0, B = 1, C = 2, D = 3, E = 4

// two:   2 baskets -> trains with everything, never evaluated.
// three: baskets {a,b} @1, {c} @2 (validation), {a,d} @3 (test; a was seen -> target [d]).
// stale: 3 baskets, the last only repeats old items -> skipped, but its last two baskets stay out of training.
// four:  4 baskets; validation {c, e} has c new relative to training {a} @1, {b} @2.
const looCsv = [
  'user,item,ts,type',
  'two,a,1,purchase', 'two,b,2,purchase',
  'three,a,1,purchase', 'three,b,1,view', 'three,c,2,purchase', 'three,a,3,purchase', 'three,d,3,purchase',
  'stale,a,1,purchase', 'stale,b,2,purchase', 'stale,a,3,purchase',
  'four,a,1,purchase', 'four,b,2,purchase', 'four,c,3,purchase', 'four,b,3,purchase', 'four,e,4,purchase', 'four,f,4,impression',
].join('\n')

describe('basketStarts', () => {
  it('starts a basket wherever ts changes', () => {
    const events = [1, 1, 2, 5, 5, 5].map((ts) => ({ item: 0, ts, type: 'view' }))
    expect(basketStarts(events)).toEqual([0, 2, 3])
    expect(basketStarts([])).toEqual([])
  })
})

describe('leaveOneOutSplit', () => {
  const split = leaveOneOutSplit(parseDataset('t', catalog, looCsv), 7)
  const trainOf = (key: string) => split.train.users.find((u) => u.key === key)?.events.map((e) => e.item)

  it('trains on everything but the last two baskets of users with at least 3', () => {
    expect(trainOf('two')).toEqual([A, B])
    expect(trainOf('three')).toEqual([A, B])
    expect(trainOf('stale')).toEqual([A])
    expect(trainOf('four')).toEqual([A, B])
    expect(split.train.tuning.users).toBe(split.train.users)
    expect(split.train.seed).toBe(7)
  })

  it('targets only never-seen items of the last basket and keeps validation in the history', () => {
    expect(split.users.map((u) => u.key)).toEqual(['three', 'four'])
    const three = split.users[0]
    expect(three.events.map((e) => e.item)).toEqual([A, B, C]) // training + validation basket
    expect(three.points).toEqual([{ at: 3, target: [D] }])
    expect(three.basketStarts).toEqual([0, 2])
    // The test basket {e} (f is an impression and never counts): e is new.
    expect(split.users[1].points).toEqual([{ at: 4, target: [E] }])
    expect(split.users[1].events.map((e) => e.item)).toEqual([A, B, C, B])
  })

  it('builds validation cases from the second-to-last basket against the training history', () => {
    expect(split.train.tuning.validation).toEqual([
      { userKey: 'three', history: split.train.users[1].events, target: [C] },
      // stale's validation basket {b} is new relative to {a}.
      { userKey: 'stale', history: split.train.users[2].events, target: [B] },
      // four's validation basket {c, b}: b was already bought, so only c is a target.
      { userKey: 'four', history: split.train.users[3].events, target: [C] },
    ])
  })
})

describe('newShopperSplit', () => {
  // Hand-checked FNV-1a buckets: shopper5 and shopper11 are held out, shopper0 and shopper1 train.
  it('holds out the same users every time by id hash', () => {
    expect(['shopper0', 'shopper1', 'shopper5', 'shopper11'].map(isNewShopper)).toEqual([false, false, true, true])
  })

  const csv = [
    'user,item,ts,type',
    'shopper0,a,1,purchase', 'shopper0,b,2,purchase', 'shopper0,c,3,purchase',
    'shopper1,a,1,purchase',
    // held out: baskets {a,b} @1, {a} @2 (nothing new: replayed, not scored), {c,a,d} @3, {b,e} @4
    'shopper5,a,1,purchase', 'shopper5,b,1,purchase', 'shopper5,a,2,purchase', 'shopper5,c,3,purchase',
    'shopper5,a,3,purchase', 'shopper5,d,3,purchase', 'shopper5,b,4,purchase', 'shopper5,e,4,purchase',
    // held out with a single basket: nothing to predict
    'shopper11,f,1,purchase',
  ].join('\n')
  const split = newShopperSplit(parseDataset('t', catalog, csv), 1)

  it('trains on whole histories of the other users only', () => {
    expect(split.train.users.map((u) => u.key)).toEqual(['shopper0', 'shopper1'])
    expect(split.train.users[0].events.map((e) => e.item)).toEqual([A, B, C])
  })

  it('predicts each later basket\'s new items from all earlier events', () => {
    expect(split.users.map((u) => u.key)).toEqual(['shopper5'])
    const [user] = split.users
    expect(user.basketStarts).toEqual([0, 2, 3, 6])
    expect(user.points).toEqual([{ at: 3, target: [C, D] }, { at: 6, target: [E] }])
  })

  it('tunes on the training users with their last basket held out', () => {
    expect(split.train.tuning.users.map((u) => u.events.map((e) => e.item))).toEqual([[A, B], [A]])
    expect(split.train.tuning.validation).toEqual([{ userKey: 'shopper0', history: split.train.tuning.users[0].events, target: [C] }])
  })
})
