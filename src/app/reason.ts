import type { PickWhy } from '../core/types'

// Why a pick is shown, in the shopper's words, from the term of the ranking that put it there.
// The verb follows the strongest thing the shopper did with the item (bought over added over viewed).

/** The words the shelves show (explanations, the need box); translate them through the `strings` option. */
export interface ReasonStrings {
  /** The need box's button. */
  find: string
  /** The need shelf's heading before the shopper typed anything (popular picks show). */
  popularPicks: string
  /** The accessible names of a shelf's buttons that scroll back and forward one page. */
  previous: string
  next: string
  viewed: string
  added: string
  bought: string
  cart: string
  popular: string
  query: string
  recent: string
}

export const REASONS: ReasonStrings = {
  find: 'Find',
  popularPicks: 'Popular picks',
  previous: 'Previous',
  next: 'Next',
  viewed: 'Because you viewed {title}',
  added: 'Because you added {title}',
  bought: 'Because you bought {title}',
  cart: 'Goes with {title} in your cart',
  popular: 'Popular this week',
  query: 'Matches “{query}”',
  recent: 'You viewed this',
}

const VERB: Record<string, keyof ReasonStrings> = { purchase: 'bought', cart: 'added' }

/** The reason line of a pick, or undefined when the ranking gave none. */
export function reasonText(why: PickWhy | undefined, strings: ReasonStrings, cause?: { title: string; type?: string }, query?: string): string | undefined {
  let key: keyof ReasonStrings | undefined
  // Own keys only: a type such as "constructor" must not pick up Object.prototype's.
  if (why === 'history' && cause) key = (cause.type && Object.prototype.hasOwnProperty.call(VERB, cause.type) && VERB[cause.type]) || 'viewed'
  else if (why === 'cart' && cause) key = 'cart'
  else if (why === 'popular' || why === 'recent') key = why
  else if (why === 'query' && query) key = 'query'
  if (!key) return undefined
  return strings[key].replace('{title}', cause?.title ?? '').replace('{query}', query ?? '')
}
