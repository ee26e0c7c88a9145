import { h, type VNode } from 'preact'

/**
 * The `need` shelf's search box: a labelled form whose submit hands the text to `onQuery`. The
 * text goes to the on-device ranking only; the form has no action and never submits anywhere.
 */
export function needBox(label: string, button: string, value: string | undefined, onQuery: (text: string) => void): VNode {
  return h(
    'form',
    {
      part: 'need',
      role: 'search',
      'aria-label': label,
      onSubmit: (event: Event) => {
        event.preventDefault()
        const input = (event.currentTarget as HTMLFormElement).elements.namedItem('q') as HTMLInputElement
        onQuery(input.value.trim())
      },
    },
    h('label', { part: 'label' }, label, ' ', h('input', { part: 'query', type: 'search', name: 'q', value, autocomplete: 'off', enterkeyhint: 'search' })),
    ' ',
    h('button', { part: 'search', type: 'submit' }, button),
  )
}
