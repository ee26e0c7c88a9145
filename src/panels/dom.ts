// Tiny DOM helpers for the panels: text only (never markup), attributes set one by one.

type Child = Node | string | null | undefined | false

/** An element with attributes and children; strings become text nodes. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag)
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value)
  for (const child of children) if (child) node.append(child)
  return node
}

const SVG = 'http://www.w3.org/2000/svg'

/** An SVG element with attributes. */
export function svg(tag: string, attrs: Record<string, string | number>, ...children: Node[]): SVGElement {
  const node = document.createElementNS(SVG, tag)
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value))
  node.append(...children)
  return node
}

/** Adopts one constructable stylesheet per panel kind (strict CSP pages forbid <style>). */
export function adopt(root: ShadowRoot, css: string, cache: { sheet?: CSSStyleSheet }): void {
  if (!cache.sheet) {
    cache.sheet = new CSSStyleSheet()
    cache.sheet.replaceSync(css)
  }
  root.adoptedStyleSheets = [cache.sheet]
}

/** Panels' shared look: the page's font and colours, readable in light and dark themes. */
export const PANEL_CSS = `:host{display:block;font:inherit;color:inherit}
h2{font-size:1.25em;margin:0 0 .5rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.35rem 1rem;margin:0 0 1rem}
dt{font-weight:600}dd{margin:0}
ul{margin:0;padding-inline-start:1.2em}
button{font:inherit;color:inherit;background:none;border:1px solid;border-radius:6px;padding:.35em .8em;margin:0 .5rem .5rem 0;cursor:pointer}
button:focus-visible{outline:2px solid currentColor;outline-offset:2px}
table{border-collapse:collapse;width:100%;margin-bottom:1rem}
th,td{text-align:start;padding:.3em .6em;border-bottom:1px solid color-mix(in srgb,currentColor 25%,transparent)}
td.n{text-align:end;font-variant-numeric:tabular-nums}
svg{max-width:100%;height:auto;color:inherit}`
