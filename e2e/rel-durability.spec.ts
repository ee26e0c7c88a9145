import { execFileSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, expect, test, type BrowserContext, type Page } from '@playwright/test'
import { exportedEvents, ready } from './helpers'

// Promise 1, "crash and close". `track()` resolves true once the event is acknowledged: its
// IndexedDB transaction has completed. During a stream of events the tab is closed, navigated away,
// its renderer crashed (CDP Page.crash), or the whole browser SIGKILLed (persistent profile, then
// relaunched). Acknowledged-then-missing must be 0. Events not yet acknowledged are covered by the
// localStorage journal (written by the end of each task) for close, navigation and renderer crash;
// for a killed browser the window is the time to acknowledgement (about one batch, 250 ms), since
// Chromium writes localStorage to disk lazily. Cycles per mode: RELIABILITY_CYCLES (default 5; the
// issue's 20 takes about four times as long). Each cycle records into a database of its own, so
// that 20 cycles of a 5 ms stream stay under the log's retention cap (5000 events): what the cap
// prunes is not lost.
const CYCLES = Number(process.env.RELIABILITY_CYCLES ?? 5)
type Mode = 'close' | 'navigate' | 'crash' | 'kill'

/** Starts a stream of events in `page`, one every 5 ms; `acked` collects the numbers acknowledged. */
async function stream(page: Page, acked: Set<number>, from: number): Promise<void> {
  await page.exposeFunction('__ack', (n: number) => void acked.add(n)).catch(() => {})
  await page.evaluate((start) => {
    let n = start
    setInterval(() => {
      const k = n++
      ;(window as unknown as { __last: number }).__last = k
      window.Localshelf!.track('view', 'p' + (k % 50), { n: k }).then((ok) => ok && (window as unknown as { __ack(n: number): void }).__ack(k))
    }, 5)
  }, from)
}

const harness = (i: number) => `/harness.html?learn=false&db=cycle-${i}`

/** Every number stored in the databases of cycles 0..cycles-1, read back on a fresh page. */
async function stored(page: Page, cycles: number): Promise<Set<number>> {
  const have = new Set<number>()
  for (let i = 0; i < cycles; i++) {
    await page.goto(harness(i))
    await ready(page)
    for (const e of await exportedEvents(page)) have.add((e as unknown as { props: { n: number } }).props.n)
  }
  return have
}

/** One page's life; returns the numbers tracked (acknowledged or not) up to just before the end. */
async function cycle(context: BrowserContext, mode: Exclude<Mode, 'kill'>, acked: Set<number>, i: number): Promise<number[]> {
  const from = i * 100_000
  const page = await context.newPage()
  await page.goto(harness(i))
  await ready(page)
  await stream(page, acked, from)
  await page.waitForTimeout(300 + Math.random() * 500)
  const last = await page.evaluate(() => (window as unknown as { __last: number }).__last)
  const tracked = Array.from({ length: last - from + 1 }, (_, i) => from + i)
  if (mode === 'close') await page.close()
  else if (mode === 'navigate') {
    await page.goto('/404.html')
    await page.close()
  } else {
    const crashed = page.waitForEvent('crash')
    const cdp = await context.newCDPSession(page)
    // The command never answers: its renderer is gone.
    void cdp.send('Page.crash').catch(() => {})
    await crashed
  }
  return tracked
}

for (const mode of ['close', 'navigate', 'crash'] as const) {
  test(`${mode}: acknowledged events are never lost (${CYCLES} cycles)`, async ({ context }) => {
    test.setTimeout(30_000 + CYCLES * 12_000)
    const acked = new Set<number>()
    const tracked: number[] = []
    for (let i = 0; i < CYCLES; i++) tracked.push(...(await cycle(context, mode, acked, i)))
    const have = await stored(await context.newPage(), CYCLES)
    const missing = [...acked].filter((n) => !have.has(n))
    // Tracked before the end (the page read back its last number), acknowledged or not: the journal
    // written by the end of each task keeps these too, a crash included.
    const lost = tracked.filter((n) => !have.has(n))
    console.log(`[${mode}] ${CYCLES} cycles: ${tracked.length} tracked before the end, ${acked.size} acknowledged, ${have.size} stored after restart, acknowledged-then-missing ${missing.length}, tracked-then-missing ${lost.length}`)
    expect(acked.size).toBeGreaterThan(CYCLES * 20)
    expect(missing).toEqual([])
    expect(lost).toEqual([])
  })
}

test(`kill: SIGKILL of the browser loses no acknowledged event (${CYCLES} cycles)`, async ({ baseURL }, testInfo) => {
  test.setTimeout(60_000 + CYCLES * 15_000)
  const profile = mkdtempSync(join(tmpdir(), 'localshelf-kill-'))
  const launch = () => chromium.launchPersistentContext(profile, { ...testInfo.project.use.launchOptions, baseURL })
  const acked = new Set<number>()
  try {
    for (let i = 0; i < CYCLES; i++) {
      const context = await launch()
      const page = context.pages()[0] ?? (await context.newPage())
      await page.goto(harness(i))
      await ready(page)
      await stream(page, acked, i * 100_000)
      await page.waitForTimeout(300 + Math.random() * 500)
      // The browser process is the one started with this profile and no --type (not a child).
      const ps = execFileSync('ps', ['-eo', 'pid=,args=']).toString().split('\n')
      const main = ps.find((line) => line.includes(profile) && !line.includes('--type='))
      expect(main, 'the browser process').toBeTruthy()
      process.kill(Number(main!.trim().split(/\s+/)[0]), 'SIGKILL')
      await context.close().catch(() => {})
    }
    const context = await launch()
    const have = await stored(context.pages()[0] ?? (await context.newPage()), CYCLES)
    await context.close()
    const missing = [...acked].filter((n) => !have.has(n))
    console.log(`[kill] ${CYCLES} cycles: ${acked.size} acknowledged, ${have.size} stored after relaunch, acknowledged-then-missing ${missing.length}`)
    expect(acked.size).toBeGreaterThan(CYCLES * 20)
    expect(missing).toEqual([])
  } finally {
    rmSync(profile, { recursive: true, force: true })
  }
})
