// Trusted Types: a page with `require-trusted-types-for 'script'` refuses `new Worker(string)`.
// The widget makes its own policy, named "localshelf" (the page lists it in `trusted-types`), that
// vouches for the training worker's URL and nothing else.

type ScriptURLPolicy = { createScriptURL(url: string): unknown }
type TrustedTypesLike = { createPolicy(name: string, rules: { createScriptURL(url: string): string }): ScriptURLPolicy }

export const POLICY_NAME = 'localshelf'

const allowed = new Set<string>()
let policy: ScriptURLPolicy | undefined
let policyFailed = false

/**
 * The worker URL as the page's Trusted Types enforcement wants it: a TrustedScriptURL from the
 * "localshelf" policy where the browser has Trusted Types, the plain string elsewhere (or where
 * the page forbids the policy: then `new Worker` reports why).
 */
export function workerScriptURL(url: string): string {
  const href = new URL(url, location.href).href
  const tt = (globalThis as { trustedTypes?: TrustedTypesLike }).trustedTypes
  if (!tt || typeof tt.createPolicy != 'function' || policyFailed) return href
  allowed.add(href)
  try {
    policy ??= tt.createPolicy(POLICY_NAME, {
      createScriptURL(value) {
        if (!allowed.has(value)) throw new TypeError(`Localshelf's Trusted Types policy only allows its worker script, not ${value}`)
        return value
      },
    })
  } catch (error) {
    // A page whose `trusted-types` directive does not list "localshelf", or that made one already.
    policyFailed = true
    console.warn(`Localshelf: could not create the "${POLICY_NAME}" Trusted Types policy (${(error as Error)?.message ?? error}); add "${POLICY_NAME}" to the page's trusted-types directive`)
    return href
  }
  // A TrustedScriptURL is what `new Worker` accepts under enforcement; its type is not in our lib.
  return policy.createScriptURL(href) as string
}
