import { describe, expect, it } from 'vitest'
import { createCsvParser } from './csv'

function parse(chunks: string[]) {
  const rows: [number, string[]][] = []
  const bad: [number, string][] = []
  const parser = createCsvParser((fields, line) => rows.push([line, fields]), (line, message) => bad.push([line, message]))
  for (const chunk of chunks) parser.push(chunk)
  parser.end()
  return { rows, bad }
}

describe('createCsvParser', () => {
  it('splits plain lines and numbers them from 1', () => {
    expect(parse(['a,b\n1,2\n']).rows).toEqual([[1, ['a', 'b']], [2, ['1', '2']]])
  })

  it('handles CRLF, blank lines, a missing final newline and a byte-order mark', () => {
    const { rows } = parse(['\uFEFFuser,item\r\n\r\nu1,i1\r\n   \nu2,i2'])
    expect(rows).toEqual([[1, ['user', 'item']], [3, ['u1', 'i1']], [5, ['u2', 'i2']]])
  })

  it('reads quoted fields with commas, doubled quotes and line breaks, keeping line numbers right', () => {
    const { rows } = parse(['h\n"a,b","say ""hi""",c\n"multi\nline",x\r\nlast,"",""""\n'])
    expect(rows).toEqual([
      [1, ['h']],
      [2, ['a,b', 'say "hi"', 'c']],
      [3, ['multi\nline', 'x']],
      [5, ['last', '', '"']],
    ])
  })

  it('gives the same rows whatever the chunk boundaries', () => {
    const text = 'user,item,ts\r\n"u,1",i1,3\r\n\r\nu2,"i""2",4\nu3,i3,"5\n6"\nu4,i4,7'
    const whole = parse([text])
    expect(parse(text.split(''))).toEqual(whole)
    for (let cut = 1; cut < text.length; cut++) expect(parse([text.slice(0, cut), text.slice(cut)])).toEqual(whole)
  })

  it('reports an unterminated quote at the end of input instead of swallowing it silently', () => {
    const { rows, bad } = parse(['a,b\n1,"open\n2,3\n'])
    expect(rows).toEqual([[1, ['a', 'b']]])
    expect(bad).toEqual([[2, 'a quoted field is never closed (missing ")']])
  })

  it('keeps a quote inside an unquoted field as text', () => {
    expect(parse(['5" screen,x\n']).rows).toEqual([[1, ['5" screen', 'x']]])
  })
})
