import { createRandom, hashString } from '../../core/random'
import type { Method, MethodContext } from '../method'

/**
 * Uniformly random scores: the floor every method must clear. Each ranking draws from a stream
 * seeded by (run seed, user, history length), so results do not depend on the order users run in.
 */
export function createRandomMethod(context: MethodContext): Method {
  const count = context.items.length
  const self: Method = {
    name: 'random',
    fit() {},
    scoreUser(history, { userKey }) {
      const next = createRandom((context.seed ^ hashString(userKey) ^ Math.imul(history.length, 0x9e3779b1)) >>> 0)
      const scores = new Float32Array(count)
      for (let i = 0; i < count; i++) scores[i] = next()
      return scores
    },
  }
  return self
}
