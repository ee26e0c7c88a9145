// The carousel's two behaviours that need the DOM, shared by the Preact view and the React component.

const rtl = (list: HTMLElement) => getComputedStyle(list).direction == 'rtl'

/** Scrolls one page forward (1) or back (-1), in the list's reading direction. */
export function scrollShelfPage(list: HTMLElement, step: number): void {
  list.scrollBy({ left: step * (rtl(list) ? -1 : 1) * list.clientWidth })
}

/**
 * Moves focus between a shelf's cards: arrow keys (in the list's reading direction), Home and End.
 * Returns true when the key moved focus (the caller then prevents its default scroll).
 */
export function focusCardByKey(key: string, target: Element, list: HTMLElement): boolean {
  const li = target.closest('li')
  if (!li || li.parentNode != list) return false
  // Visual meaning: in a right-to-left list, ArrowRight goes back.
  const ltr = !rtl(list)
  const next =
    key == (ltr ? 'ArrowRight' : 'ArrowLeft') ? li.nextElementSibling
    : key == (ltr ? 'ArrowLeft' : 'ArrowRight') ? li.previousElementSibling
    : key == 'Home' ? list.firstElementChild
    : key == 'End' ? list.lastElementChild
    : null
  if (next) (next.firstElementChild as HTMLElement).focus()
  return !!next
}
