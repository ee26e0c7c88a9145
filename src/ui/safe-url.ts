// Catalog URLs come from the shop's JSON and end up in href/src attributes. A URL that the
// browser would run as script (javascript:, vbscript:) or that embeds content (data:) must never
// reach the DOM, so only http(s) and relative URLs pass.

// The URL parser silently drops tabs and newlines anywhere and strips leading C0 controls, the
// trick behind `java\tscript:`. The parser below already sees through it, but such a string is
// never a legitimate catalog URL, and rejecting it outright keeps it out of the DOM whatever the
// parser's verdict.
const CONTROL = /[\u0000-\u001f\u007f]/

// Only used to resolve relative URLs when the caller gives no base; `.invalid` can never resolve.
const DUMMY_BASE = 'https://localshelf.invalid/'

/**
 * Returns `value` if it is an http(s) URL or a relative URL, else `undefined`.
 *
 * The verdict comes from the same WHATWG URL parser the browser uses for href/src, so scheme
 * case, backslashes and protocol-relative forms (`//host`) are judged exactly as the browser
 * will resolve them. With `base`, the resolved absolute URL is returned (and a protocol-relative URL
 * only passes if `base` is http(s)); without it, the trimmed input is returned unchanged so the
 * page's own base URL applies.
 */
export function safeUrl(value: unknown, base?: string): string | undefined {
  if (typeof value !== 'string') return undefined
  const url = value.trim()
  if (!url || CONTROL.test(url)) return undefined
  let parsed: URL
  try {
    parsed = new URL(url, base || DUMMY_BASE)
  } catch {
    return undefined
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined
  return base ? parsed.href : url
}
