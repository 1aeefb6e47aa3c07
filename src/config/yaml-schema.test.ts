import fc from 'fast-check'
import * as v from 'valibot'
import {describe, expect, it} from 'vitest'
import {here, map, oneOf, readYaml, readYamlOrThrow, sibling, YamlError} from './yaml-schema.js'

const text = v.string(`${here} must be text`)
const schema = map({
  name: text,
  size: v.optional(oneOf(['small', 'large'])),
  people: v.optional(v.array(map({first: text, phone: v.optional(text)}), `${here} must be a list`), []),
  tags: v.optional(v.array(text), [])
})

const read = (yaml: string) => readYaml('test.yaml', yaml, schema)
const messages = (yaml: string) => read(yaml).file.messages.map((m) => `${m.line}:${m.column}-${m.place && 'end' in m.place ? `${m.place.end.line}:${m.place.end.column}` : ''} ${m.reason}`)

describe('readYaml', () => {
  it('returns the checked value, and where each key path was written', () => {
    const {value, file, positions} = read('\uFEFFname: Sok\npeople:\n  - first: Dara\n    phone: 012 345 678\n')
    expect(file.messages).toEqual([])
    expect(value).toEqual({name: 'Sok', people: [{first: 'Dara', phone: '012 345 678'}], tags: []})
    expect(positions.name).toMatchObject({start: {line: 1, column: 7}, end: {line: 1, column: 10}})
    expect(positions.people!.start).toMatchObject({line: 3, column: 3})
  })

  it('names every unknown key with a did-you-mean, each at its own key, the missing ones at their map', () => {
    expect(messages('nmae: Sok\nsiez: small\ncolour: red\n')).toEqual([
      '1:1-1:1 `name` is missing; add it',
      '1:1-1:5 Unknown key `nmae`; did you mean `name`?',
      '2:1-2:5 Unknown key `siez`; did you mean `size`?',
      '3:1-3:7 Unknown key `colour`; known keys: name, size, people, tags'
    ])
  })

  it('names a place inside a list by its item number, counting from 1', () => {
    expect(messages('name: Sok\npeople:\n  - first: Dara\n  - frist: Vanna\n  - first: [a]\ntags: [a, 5]\n')).toEqual([
      '4:5-4:5 `first` in item 2 of `people` is missing; add it',
      '4:5-4:10 Unknown key `frist` in item 2 of `people`; did you mean `first`?',
      '5:12-5:15 `first` in item 3 of `people` must be text',
      '6:11-6:12 item 2 of `tags` must be text'
    ])
  })

  it('suggests the nearest choice, and says what a wrong value is', () => {
    expect(messages('name: Sok\nsize: smal\n')).toEqual(['2:7-2:11 `size` is `smal`; use one of `small`, `large` (did you mean `small`?)'])
    expect(messages('name: Sok\nsize: [small]\n')).toEqual(['2:7-2:14 `size` is a list; use one of `small`, `large`'])
    expect(messages('name: Sok\nsize: {a: 1}\n')).toEqual(['2:7-2:13 `size` is a set of `key: value` lines; use one of `small`, `large`'])
    expect(messages('name: Sok\nsize:\n')).toEqual([expect.stringMatching(/^2:6-2:6 `size` is empty; use one of/)])
    expect(messages('- name\n')).toEqual(['1:1-2:1 The file must be a set of `key: value` lines'])
  })

  it('refuses YAML aliases with a message that names them', () => {
    const found = messages('name: &n Sok\npeople:\n  - first: *n\n')
    expect(found).toEqual([
      '3:12-3:14 `*n` refers to the anchor `&n`; pressroom does not read YAML anchors and aliases here, so write the value out in full'
    ])
    expect(found.join()).not.toContain('[object')
    expect(messages('base: &b {first: A}\nname: x\npeople: [{<<: *b}]\n')[0]).toMatch(/^3:15-3:17 `\*b` refers to the anchor `&b`/)
  })

  it('reports YAML syntax errors first and alone, and duplicate keys', () => {
    expect(messages('name: [Sok\nsize: huge\n')).toEqual([expect.stringMatching(/^\d+:\d+-\d+:\d+ YAML syntax error: /)])
    expect(messages('name: a\nname: b\n')).toEqual([expect.stringMatching(/^2:1-.* YAML syntax error: Map keys must be unique/)])
  })

  it('keeps digits with a leading zero as written: a telephone number is text', () => {
    expect(read('name: 023217161\n').value?.name).toBe('023217161')
    expect(messages('name: 23217161\n')).toEqual(['1:7-1:15 `name` must be text'])
    const numbers = readYaml('n.yaml', 'a: 0\nb: 0.5\nc: 10\nd: !!str 012\n', v.record(v.string(), v.unknown()))
    expect(numbers.value).toEqual({a: 0, b: 0.5, c: 10, d: '012'})
  })

  it('never lets a value the user wrote act as a mark in a message', () => {
    const tricky = map({size: oneOf(['a', 'b'])})
    expect(readYaml('t.yaml', 'size: "{here}"\n', tricky).file.messages[0]?.reason).toBe('`size` is `{here}`; use one of `a`, `b`')
    expect(readYaml('t.yaml', 'size: "\\uFFFFhere\\uFFFF"\n', tricky).file.messages.map((m) => `${m.line}:${m.column} ${m.reason}`)).toEqual([
      '1:7 The text holds U+FFFF or U+FFFE, which are not characters; remove them'
    ])
  })

  it('writes `sibling` as the path beside the key in question', () => {
    const custom = map({contact: map({tel: v.string(`${here} must be text; see ${sibling('email')}`)})})
    expect(readYaml('s.yaml', 'contact:\n  tel: [1]\n', custom).file.messages[0]?.reason).toBe('`contact.tel` must be text; see `contact.email`')
  })

  it('throws every problem as path:line:column: reason with readYamlOrThrow', () => {
    expect(() => readYamlOrThrow('test.yaml', 'nmae: x\n', schema)).toThrow(YamlError)
    expect(() => readYamlOrThrow('test.yaml', 'nmae: x\n', schema)).toThrow(
      'test.yaml:1:1: `name` is missing; add it\ntest.yaml:1:1: Unknown key `nmae`; did you mean `name`?'
    )
    expect(readYamlOrThrow('test.yaml', 'name: x\n', schema).name).toBe('x')
  })

  it('gives every problem of any document a line and column inside the file, and never throws', () => {
    const pieces = ['name', 'size', 'people', 'tags', 'first', 'x', ':', ' ', '\n', '  ', '- ', '[', ']', '{', '}', ',', '&a ', '*a', '"', '#', '023', 'small', '?']
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), {maxLength: 30}), (parts) => {
        const yaml = parts.join('')
        const lines = yaml.split('\n')
        const {value, file} = read(yaml)
        expect(value === null).toBe(file.messages.length > 0)
        for (const message of file.messages) {
          expect(message.line).toBeGreaterThanOrEqual(1)
          expect(message.line).toBeLessThanOrEqual(lines.length)
          expect(message.column).toBeLessThanOrEqual(lines[message.line! - 1]!.length + 1)
          expect(message.reason).not.toMatch(/\uFFFF|\[object|undefined/)
        }
      }),
      {numRuns: Number(process.env.FUZZ_RUNS ?? 500)}
    )
  })
})
