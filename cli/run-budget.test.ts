import { describe, expect, it } from 'vitest'
import { bar, blendReserveSeconds, clock, progressLine, trainingLeftSeconds, trainingSeconds } from './run-budget'

describe('pretrain run budget', () => {
  it('formats seconds as m:ss, rounding and clamping', () => {
    expect(clock(0)).toBe('0:00')
    expect(clock(59.6)).toBe('1:00')
    expect(clock(245)).toBe('4:05')
    expect(clock(-3)).toBe('0:00')
    expect(clock(NaN)).toBe('0:00')
  })

  it('gives the sequence model what the budget leaves after the spent time and the reserve', () => {
    expect(trainingSeconds(240, 30, 40)).toBe(170)
    expect(trainingSeconds(240, 230, 40)).toBe(0)
  })

  it('reserves one validation pass per blend plus the final refit', () => {
    expect(blendReserveSeconds(3, 11, 5)).toBe(38)
    expect(blendReserveSeconds(2, 3, 0)).toBe(6)
  })

  it('estimates training left from the epoch pace, capped by the budget', () => {
    // Mid-way through the first epoch: its own pace stands in for the mean epoch time.
    expect(trainingLeftSeconds({ epoch: 0, maxEpochs: 3, batch: 10, batches: 40, epochSeconds: 5, perEpoch: 0, budgetLeft: 1000 })).toBe(15 + 2 * 20)
    // Later: the rest of this epoch plus the remaining epochs at the mean.
    expect(trainingLeftSeconds({ epoch: 2, maxEpochs: 5, batch: 20, batches: 40, epochSeconds: 10, perEpoch: 25, budgetLeft: 1000 })).toBe(10 + 2 * 25)
    // The budget ends training first.
    expect(trainingLeftSeconds({ epoch: 2, maxEpochs: 200, batch: 20, batches: 40, epochSeconds: 10, perEpoch: 25, budgetLeft: 90 })).toBe(90)
    // An epoch just finished: no part-epoch left.
    expect(trainingLeftSeconds({ epoch: 1, maxEpochs: 4, batch: 40, batches: 40, epochSeconds: 20, perEpoch: 20, budgetLeft: 1000 })).toBe(40)
    expect(trainingLeftSeconds({ epoch: 3, maxEpochs: 4, batch: 40, batches: 40, epochSeconds: 20, perEpoch: 20, budgetLeft: -5 })).toBe(0)
  })

  it('prints phase, done/total, elapsed and the whole-run ETA on one line', () => {
    expect(progressLine({ phase: 3, phases: 4, name: 'sequence model', done: 2, total: 200, unit: 'epoch', elapsed: 83, eta: 160 })).toBe('[3/4 sequence model] epoch 2/200 · 1:23 elapsed · ETA 2:40')
    expect(progressLine({ phase: 1, phases: 4, name: 'data', elapsed: 0, eta: 240 })).toBe('[1/4 data] · 0:00 elapsed · ETA 4:00')
  })

  it('draws a bar of fixed width', () => {
    expect(bar(1, 4, 8)).toBe('[##......]')
    expect(bar(9, 4, 8)).toBe('[########]')
    expect(bar(0, 0, 4)).toBe('[....]')
  })
})
