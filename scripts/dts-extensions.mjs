// tsc keeps a declaration's relative imports as the sources wrote them ('./app/engine'), which only
// `moduleResolution: bundler` accepts; under node16/nodenext they fail (TS2834) or turn into `any`.
// This rewrites them to the emitted file: './app/engine.js', or './store/index.js' for a folder.
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join, resolve } from 'node:path'

// from './x', import('./x'), import './x', declare module './x'
const SPECIFIER = /((?:from|import|module)\s*\(?\s*)(['"])(\.{1,2}\/[^'"]*)\2/g

/** The specifier as node16 needs it, or the same when it already names a file. */
export function withJsExtension(spec, fromDir) {
  if (/\.(m|c)?js$/.test(spec)) return spec
  const base = resolve(fromDir, spec)
  if (existsSync(base + '.d.ts')) return spec + '.js'
  if (existsSync(join(base, 'index.d.ts'))) return spec.replace(/\/?$/, '/index.js')
  throw new Error(`dts-extensions: ${spec} (from ${fromDir}) matches no emitted declaration`)
}

export function addJsExtensions(dir) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) addJsExtensions(path)
    else if (name.endsWith('.d.ts')) {
      const code = readFileSync(path, 'utf8')
      const out = code.replace(SPECIFIER, (_, lead, quote, spec) => `${lead}${quote}${withJsExtension(spec, dirname(path))}${quote}`)
      if (out !== code) writeFileSync(path, out)
    }
  }
}
