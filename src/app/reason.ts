// Why a pick is shown, in the shopper's words. The verb follows the strongest thing they did.
const VERBS: Record<string, string> = { purchase: 'bought', cart: 'added', click: 'viewed', view: 'viewed' }

export function reasonText(type: string | undefined, title: string): string {
  // Own keys only: a type such as "constructor" must not pick up Object.prototype's.
  return `Because you ${(type && Object.prototype.hasOwnProperty.call(VERBS, type) && VERBS[type]) || 'liked'} ${title}`
}
