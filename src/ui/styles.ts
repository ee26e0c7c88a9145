// The shelf's look, themable from the host page through CSS custom properties (they inherit
// through the shadow boundary) and ::part(). Defaults inherit the page's font and colour so a
// shelf looks native without any theming.
//
// Custom properties (all optional; anything else is themable through ::part()):
//   --localshelf-font        font shorthand          (inherit)
//   --localshelf-color       text colour             (inherit)
//   --localshelf-accent      focus ring colour       (currentColor)
//   --localshelf-gap         space between cards     (1rem)
//   --localshelf-card-width  width of one card       (10rem)
//   --localshelf-radius      card and image corners  (8px)
//   --localshelf-image-ratio image width / height   (1)
// The reason line keeps the text colour (a faded one failed WCAG AA contrast on light pages).
//
// Every declaration here ships in the first-paint chunk, so the sheet holds what a carousel
// needs to work and look neutral, and leaves decoration to the shop. Less obvious rules:
// - `:host` resets the inherited text-layout properties (white-space, letter-spacing, …) that a
//   host page's own styles would otherwise pass through the shadow boundary into every card;
//   font and colour still inherit on purpose.
// - `:host([hidden])` is needed because `:host{display:block}` would beat the UA's [hidden].
// - Rules are scoped under `.localshelf` so the same sheet also styles the light-DOM Preact
//   component without touching the host page; `[part~=…]` selectors avoid extra class names.
// - The list's 4px padding keeps the 2px focus ring (plus 2px offset) from being clipped by
//   the scroll container.
// - Smooth scrolling only without a reduced-motion preference; nav buttons and focus moves
//   use the CSS scroll-behavior, so this one media query covers them all.
// - No RTL rule for the chevrons: ‹ and › are Bidi_Mirrored, so right-to-left text already
//   draws them pointing the other way.
// - The placeholder's text is styled here rather than by SVG attributes, which would cost more
//   bytes per card in the script; its hash-derived fill stays an attribute (CSP-safe).
/** The shelf stylesheet source, exported for pages that style the Preact component themselves. */
export const css = `:host{display:block;white-space:normal;letter-spacing:normal;word-spacing:normal;text-indent:0;text-transform:none;text-align:start;line-height:normal}
:host([hidden]){display:none}
.localshelf{font:var(--localshelf-font,inherit);color:var(--localshelf-color,inherit)}
.localshelf>div{display:flex;align-items:center;justify-content:space-between;margin-bottom:.5rem}
.localshelf [part~=heading]{margin:0;font:inherit;font-size:1.25em;font-weight:600}
.localshelf [part~=nav]{width:2em;height:2em;margin-inline-start:.25rem;border:1px solid;border-radius:50%;background:none;color:inherit;font:inherit;cursor:pointer}
.localshelf [aria-disabled=true]{opacity:.35;cursor:default}
.localshelf ul{display:flex;gap:var(--localshelf-gap,1rem);margin:0;padding:4px;list-style:none;overflow-x:auto;scroll-snap-type:x mandatory;scroll-padding-inline:4px}
@media (prefers-reduced-motion:no-preference){.localshelf ul{scroll-behavior:smooth}}
.localshelf li{display:flex;flex:0 0 var(--localshelf-card-width,10rem);scroll-snap-align:start}
.localshelf [part~=item]{display:flex;flex-direction:column;gap:.25rem;flex:1;min-width:0;margin:0;padding:0;border:0;border-radius:var(--localshelf-radius,8px);background:none;color:inherit;font:inherit;text-align:start;text-decoration:none;cursor:pointer}
.localshelf :focus-visible{outline:2px solid var(--localshelf-accent,currentColor);outline-offset:2px}
.localshelf [part~=item]:hover [part~=title]{text-decoration:underline}
.localshelf [part~=image]{display:block;width:100%;height:auto;aspect-ratio:var(--localshelf-image-ratio,1);object-fit:cover;border-radius:var(--localshelf-radius,8px);background:#8881}
.localshelf text{font-size:32px;text-anchor:middle;fill:#000b}
.localshelf [part~=title]{display:-webkit-box;-webkit-box-orient:vertical;-webkit-line-clamp:2;overflow:hidden}
.localshelf [part~=price]{font-weight:600}
.localshelf [part~=reason],.localshelf [part~=empty]{margin:0;font-size:.85em}
.localshelf [part~=need]{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin-bottom:.75rem}
.localshelf [part~=query]{font:inherit;padding:.3em .5em;margin-inline-start:.5em}`

let sheet: CSSStyleSheet | undefined

/**
 * Adds the shelf stylesheet to a shadow root (or, for the light-DOM component, a document)
 * through a constructable stylesheet: one sheet object shared by every shelf on the page, and
 * no <style> element or style attribute, which strict CSP pages forbid.
 * Adopting into the same root twice is a no-op.
 */
export function adoptStyles(root: ShadowRoot | Document): void {
  if (!sheet) {
    try {
      const fresh = new CSSStyleSheet()
      fresh.replaceSync(css)
      sheet = fresh
    } catch (cause) {
      throw new Error(
        'shelves need constructable stylesheets (Chrome 73+, Firefox 101+, Safari 16.4+); update the browser',
        { cause },
      )
    }
  }
  const sheets = root.adoptedStyleSheets
  // A plain loop: the host page may have replaced Array.prototype.includes.
  for (let i = 0; i < sheets.length; i++) if (sheets[i] === sheet) return
  root.adoptedStyleSheets = [...sheets, sheet]
}
