// Why a pick is shown, in the shopper's words. The verb follows the strongest thing they did.
const VERBS: Record<string, string> = { purchase: 'bought', cart: 'added', click: 'viewed', view: 'viewed' }

export function reasonText(type: string | undefined, title: string): string {
  return `Because you ${VERBS[type ?? ''] ?? 'liked'} ${title}`
}
