import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
// @ts-expect-error plain ES module script without types
import { pictureLook, pictureName, writePictures } from './product-pictures.mjs'

const catalog = JSON.parse(readFileSync(new URL('../public/data/catalog.json', import.meta.url), 'utf8')) as Array<{ id: string; title: string; image: string }>
const dir = mkdtempSync(join(tmpdir(), 'pictures-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

describe('demo product pictures', () => {
  it('draws the object, colour and pattern a title names', () => {
    expect(pictureLook({ id: '1', title: 'Set/10 Red Polkadot Party Candles' })).toEqual({ shape: 'candle', colour: 'red', pattern: 'dots' })
    expect(pictureLook({ id: '2', title: 'Blue Striped Ceramic Mug' })).toEqual({ shape: 'mug', colour: 'blue', pattern: 'stripes' })
    expect(pictureLook({ id: '3', title: 'Something', category: 'Christmas' }).shape).toBe('bauble')
  })

  it('names every catalog row\'s picture, writes each once, small and well-formed', () => {
    for (const row of catalog) expect(row.image).toBe(`/img/p/${pictureName(row)}`)
    const count = writePictures(dir, catalog)
    const files = readdirSync(dir)
    expect(files).toHaveLength(count)
    expect(count).toBeLessThan(500)
    for (const file of files) {
      const svg = readFileSync(join(dir, file), 'utf8')
      expect(svg.length, file).toBeLessThan(1500)
      expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^]*<\/svg>\n$/)
      expect(svg).not.toMatch(/<style|<script|href=/)
      // No attribute twice in one tag (the image would not decode).
      for (const tag of svg.match(/<[a-z][^>]*>/g)!) {
        const names = [...tag.matchAll(/\s([a-z-]+)=/g)].map((m) => m[1])
        expect(new Set(names).size, `${file}: ${tag}`).toBe(names.length)
      }
    }
  })
})
