// Stand-ins for the page globals the event log touches, so Node tests can drive pagehide and the
// localStorage journal. Not a test file itself: the name does not end in `.test.ts`.
import { vi } from 'vitest'

export type FakePage = { storage: Map<string, string>; hide(kind?: 'pagehide' | 'visibilitychange'): void }

export const fakePage = (): FakePage => {
  const storage = new Map<string, string>()
  const win = new EventTarget()
  const doc = Object.assign(new EventTarget(), { visibilityState: 'visible' })
  vi.stubGlobal('window', win)
  vi.stubGlobal('document', doc)
  vi.stubGlobal('localStorage', {
    getItem: (k: string) => storage.get(k) ?? null,
    setItem: (k: string, v: string) => void storage.set(k, String(v)),
    removeItem: (k: string) => void storage.delete(k),
  })
  return {
    storage,
    hide(kind = 'pagehide') {
      if (kind == 'pagehide') win.dispatchEvent(new Event('pagehide'))
      else {
        doc.visibilityState = 'hidden'
        doc.dispatchEvent(new Event('visibilitychange'))
      }
    },
  }
}
