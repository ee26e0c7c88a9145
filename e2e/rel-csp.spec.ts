import { expect, test } from '@playwright/test'
import { catalog, ready, trainRounds, waitForRender, watch } from './helpers'

// Promise 7 and defect 2: a page served with a strict CSP that enforces Trusted Types. The widget
// creates its own "localshelf" policy for the worker URL (src/worker/trusted-url.ts) and nothing
// else; without it `new Worker(string)` throws and the backend becomes "unavailable".
const POLICY = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; worker-src 'self'; object-src 'none'; " +
  "require-trusted-types-for 'script'; trusted-types localshelf"

test('trains and renders under strict CSP and Trusted Types with 0 violations', async ({ page }) => {
  const { errors } = await watch(page)
  await page.route('**/strict.html', async (route) => {
    const response = await route.fetch()
    await route.fulfill({ response, headers: { ...response.headers(), 'content-security-policy': POLICY } })
  })
  const ids = (await catalog(page)).filter((p) => /christmas/i.test(p.title)).map((p) => p.id)
  await page.goto('/strict.html')
  await ready(page)
  await waitForRender(page, 'trending')
  const states = await trainRounds(page, ids, 2)
  await waitForRender(page, 'for-you', 'personal')
  const violations = await page.evaluate(() => window.__cspViolations)
  const policies = await page.evaluate(() => (window as unknown as { trustedTypes?: { getPolicyNames?(): string[] } }).trustedTypes ? 'enforced' : 'none')
  console.log(`[strict CSP + Trusted Types] trusted types ${policies}; backend ${states[1].backend}; trained ${states[1].trained}; violations ${violations.length}; errors ${errors.length}`)
  expect(states[1].backend).toBe('wasm')
  expect(states[1].trained).toBe(true)
  expect(violations).toEqual([])
  expect(errors).toEqual([])
})
