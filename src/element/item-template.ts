import { h, type ComponentChildren } from 'preact'
import type { ShelfItemView } from '../ui/engine-types'
import { formatPrice } from '../ui/format'
import { safeUrl } from '../ui/safe-url'

/**
 * Cards from a `<template>` inside `<local-shelf>`, for script-tag users: every element with
 * `data-field="name"` gets that field of the catalog row as text (`price` formatted, `reason` the
 * explanation); an `<img data-field="image">` gets it as a checked `src`. Text only, never markup.
 */
export function templateRenderer(template: HTMLTemplateElement, locale?: string, currency?: string): (item: ShelfItemView) => ComponentChildren {
  const fill = (item: ShelfItemView): DocumentFragment => {
    const card = template.content.cloneNode(true) as DocumentFragment
    for (const el of card.querySelectorAll<HTMLElement>('[data-field]')) {
      const field = el.dataset.field!
      const value = field == 'price' ? formatPrice(item.price, item.currency || currency, locale)
        : field == 'reason' || field == 'title' ? item[field]
        : item.data?.[field]
      if (el instanceof HTMLImageElement) {
        const src = safeUrl(typeof value == 'string' ? value : undefined)
        if (src) el.src = src
        else el.remove()
      } else el.textContent = value == null ? '' : String(value)
    }
    return card
  }
  // The clone is put in place by a ref: Preact renders the wrapper, the template fills it.
  return (item) => h('span', { part: 'custom', ref: (el: HTMLElement | null) => el?.replaceChildren(fill(item)) })
}
