import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { addJsExtensions } from './dts-extensions.mjs'

describe('addJsExtensions', () => {
  it('points relative imports of declarations at the emitted .js file or folder index', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dts-'))
    mkdirSync(join(dir, 'store'))
    writeFileSync(join(dir, 'store/index.d.ts'), 'export type S = 1\n')
    writeFileSync(join(dir, 'a.d.ts'), 'export type A = 1\n')
    writeFileSync(join(dir, 'entry.d.ts'), [
      "import type { A } from './a';",
      "export { type S } from './store';",
      "export type B = import('./a').A;",
      "import './a.js';",
      "import type { Ref } from 'preact';",
      "declare module 'preact' {}",
    ].join('\n'))
    addJsExtensions(dir)
    expect(readFileSync(join(dir, 'entry.d.ts'), 'utf8').split('\n')).toEqual([
      "import type { A } from './a.js';",
      "export { type S } from './store/index.js';",
      "export type B = import('./a.js').A;",
      "import './a.js';",
      "import type { Ref } from 'preact';",
      "declare module 'preact' {}",
    ])
  })

  it('fails on an import that matches no emitted declaration', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dts-'))
    writeFileSync(join(dir, 'entry.d.ts'), "export * from './gone';\n")
    expect(() => addJsExtensions(dir)).toThrow(/\.\/gone.*matches no emitted declaration/)
  })
})
