import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {checkTexts, messageKeys, readRepoFile, seedPath} from '../test/project.js'
import type {ListBlock, ParagraphBlock, TextNode} from './model.js'
import {parseRelease} from './parse.js'
import {plainText, sectionTextNodes, sourcePoint, valueIndex} from './text.js'

const seed = readRepoFile(seedPath)
const encode = (text: string) => new TextEncoder().encode(text)

describe('parseRelease on the seed', () => {
  const {release, file} = parseRelease(seedPath, seed)

  it('reads it without messages', () => {
    expect(file.messages).toEqual([])
  })

  it('reads the frontmatter', () => {
    expect(release.frontmatter).toMatchObject({ref: 'No. 10 PR-26/EoJ', date: '2026-02-18', embargo: null, draft: false, readable: true})
    expect(release.frontmatter.fields.ref!.position.start).toMatchObject({line: 2, column: 6})
  })

  it('reads both sections in order, each with its headline and blocks', () => {
    expect(release.order).toEqual(['en', 'km'])
    const en = release.sections.en!
    const km = release.sections.km!
    expect(en.headline!.text).toBe(
      'Japan Provides US$1,000,000 for Promoting Employment of Returning Migrant Workers Affected by the Border Conflict'
    )
    expect(en.blocks.map((b) => b.type)).toEqual(['paragraph', 'paragraph', 'paragraph', 'paragraph'])
    expect(km.label).toBe('ខ្មែរ')
    expect(km.headline!.position.start).toMatchObject({line: 19, column: 1})
    expect(km.blocks.map((b) => b.type)).toEqual(['paragraph', 'list', 'paragraph'])
    const list = km.blocks[1] as ListBlock
    expect(list.items).toHaveLength(2)
    expect(list.items[1]!.position.start).toMatchObject({line: 24, column: 1})
    expect(plainText((list.items[1]!.children[0] as ParagraphBlock).children)).toBe('ស្ថាប័នទទួលជំនួយ៖ អង្គការពលកម្មអន្តរជាតិ (ILO)')
  })

  it('keeps the Khmer text byte for byte', () => {
    const text = seed.toString('utf8')
    for (const node of sectionTextNodes(release.sections.km!)) {
      expect(text.slice(node.position.start.offset, node.position.end.offset)).toBe(node.value)
    }
  })
})

describe('parseRelease on awkward input', () => {
  it('reads CRLF files like LF files, with no \\r in the text', () => {
    const lf = parseRelease(seedPath, seed).release
    const crlf = parseRelease(seedPath, encode(seed.toString('utf8').replace(/\n/g, '\r\n'))).release
    expect(crlf.source.lineEnding).toBe('\r\n')
    expect(JSON.stringify(crlf.sections.km!.blocks)).not.toContain('\\r')
    expect(crlf.sections.en!.headline!.text).toBe(lf.sections.en!.headline!.text)
    expect(crlf.sections.km!.blocks[2]!.position.start.line).toBe(lf.sections.km!.blocks[2]!.position.start.line)
  })

  it('drops a UTF-8 byte order mark and keeps line:column as editors show them', () => {
    const {release, file} = parseRelease(seedPath, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), seed]))
    expect(file.messages).toEqual([])
    expect(release.source.bom).toBe(true)
    expect(release.frontmatter.fields.ref!.position.start).toMatchObject({line: 2, column: 6})
  })

  it('reports invalid UTF-8 with its byte offset and line:column', () => {
    const bytes = Buffer.concat([Buffer.from('---\nref: No. 10 PR-26/EoJ\ndate: 2026-02-18\n---\n# English\n## Ti'), Buffer.from([0xc3, 0x28]), Buffer.from('tle\n')])
    const {file} = parseRelease(seedPath, bytes)
    expect(file.messages).toHaveLength(1)
    expect(file.messages[0]).toMatchObject({ruleId: 'encoding', line: 6, column: 6, fatal: true})
    expect(file.messages[0]!.reason).toContain('Byte 0xC3 at byte offset 62 is not valid UTF-8')
  })

  it('reports an empty file as missing frontmatter and sections, without throwing', () => {
    const entries = checkTexts({[seedPath]: ''})
    expect(messageKeys(entries)).toEqual([
      `${seedPath} 1:1 frontmatter`,
      `${seedPath} 1:1 language-sections`,
      `${seedPath} 1:1 language-sections`
    ])
  })

  it('reports YAML syntax errors at their place in the file', () => {
    const {file} = parseRelease(seedPath, encode('---\nref: No. 10 PR-26/EoJ\ndate: "2026-02-18\n---\n# English\n'))
    expect(file.messages[0]).toMatchObject({ruleId: 'frontmatter', line: 3, column: 7, fatal: true})
  })

  describe('a slip in the frontmatter gives one message, naming the fix', () => {
    const body = '# English\n## Title\n# ខ្មែរ\n## ចំណងជើង\n'
    it.each([
      ['an indented key', 'ref: No. 10 PR-26/EoJ\n  date: 2026-02-18', '3:3', /^`date` starts with spaces; start it at the beginning of the line/],
      ['a key indented with a tab', '\tref: No. 10 PR-26/EoJ\ndate: 2026-02-18', '2:2', /^`ref` starts with a tab/],
      ['a list item', '- ref: No. 10 PR-26/EoJ\ndate: 2026-02-18', '2:1', /write `ref: No. 10 PR-26\/EoJ` without the `- `/],
      ['no colon', 'ref No. 10 PR-26/EoJ\ndate: 2026-02-18', '2:1', /has no colon after the key; write `ref: No. 10 PR-26\/EoJ`/],
      ['no space after the colon', 'ref: No. 10 PR-26/EoJ\ndate:2026-02-18', '3:1', /has no space after the colon; write `date: 2026-02-18`/],
      ['an equals sign', 'ref: No. 10 PR-26/EoJ\ndate = 2026-02-18', '3:1', /uses `=`; write `date: 2026-02-18`/],
      ['an unclosed quote', 'ref: No. 10 PR-26/EoJ\ndate: "2026-02-18', '3:7', /opens a quote " that is not closed/],
      ['a bracket', 'ref: [No. 10 PR-26/EoJ\ndate: 2026-02-18', '2:6', /starts with `\[`/],
      ['a colon inside the value', 'ref: No. 10: PR-26/EoJ\ndate: 2026-02-18', '2:6', /put the value in quotes: `ref: "No. 10: PR-26\/EoJ"`/],
      ['a key written twice', 'ref: No. 10 PR-26/EoJ\ndate: 2026-02-18\ndate: 2026-02-19', '4:1', /^`date` is written twice \(lines 3 and 4\); keep one/]
    ])('%s', (_, yaml, place, reason) => {
      const {file} = parseRelease(seedPath, encode(`---\n${yaml}\n---\n${body}`))
      const messages = file.messages.filter((m) => m.ruleId === 'frontmatter')
      expect(messages.map((m) => `${m.line}:${m.column}`)).toEqual([place])
      expect(messages[0]!.reason).toMatch(reason)
      expect(messages[0]!.fatal).toBe(true)
    })

    it('falls back to the first YAML error alone when no line shows the slip', () => {
      const {file} = parseRelease(seedPath, encode(`---\nref: "No. 10 PR-26\\q"\ndate: 2026-02-18\n---\n${body}`))
      const messages = file.messages.filter((m) => m.ruleId === 'frontmatter')
      expect(messages).toHaveLength(1)
      expect(messages[0]!.reason).toMatch(/^YAML syntax error: /)
    })
  })

  it('reports raw HTML, images, code and reference links at their position', () => {
    const text = [
      '---', 'ref: No. 10 PR-26/EoJ', 'date: 2026-02-18', '---', '# English', '## Title',
      'Text <b>bold</b> here.', '', '![logo](x.png)', '', 'Use `code` and [a][b].', '', '[b]: https://example.org', '# ខ្មែរ', '## ចំណងជើង'
    ].join('\n')
    const {file} = parseRelease(seedPath, encode(text))
    expect(file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)).toEqual([
      '7:6 markdown', '7:13 markdown', '9:1 markdown', '11:5 markdown', '11:16 markdown', '13:1 markdown'
    ])
  })

  it('reports GFM tables, strikethrough, footnotes and task lists instead of keeping their markup as text', () => {
    const text = [
      '---', 'ref: No. 10 PR-26/EoJ', 'date: 2026-02-18', '---', '# English', '## Title',
      '| a | b |', '|---|---|', '| 1 | 2 |', '', 'Was ~~US$5~~ now.', '', 'See[^1].', '', '[^1]: A note.', '', '- [ ] todo', '# ខ្មែរ', '## ចំណងជើង'
    ].join('\n')
    const {file} = parseRelease(seedPath, encode(text))
    expect(file.messages.map((m) => `${m.line}:${m.column} ${m.ruleId}`)).toEqual([
      '7:1 markdown', '11:5 markdown', '13:4 markdown', '15:1 markdown', '17:1 markdown'
    ])
  })

  it('reads emphasis, strong, links and block quotes with positions', () => {
    const text = '---\nref: x\ndate: 2026-02-18\n---\n# English\n## Title\n\nA *b* **c** [d](https://example.org "T").\n\n> Quoted\n\n### Sub\n'
    const {release, file} = parseRelease(seedPath, encode(text))
    expect(file.messages).toEqual([])
    const [paragraph, quote, heading] = release.sections.en!.blocks
    expect((paragraph as ParagraphBlock).children.map((n) => n.type)).toEqual(['text', 'emphasis', 'text', 'strong', 'text', 'link', 'text'])
    const link = (paragraph as ParagraphBlock).children[5]!
    expect(link).toMatchObject({type: 'link', url: 'https://example.org', title: 'T', position: {start: {line: 8, column: 13}}})
    expect(quote!.type).toBe('quote')
    expect(heading).toMatchObject({type: 'heading', depth: 3})
  })
})

describe('sourcePoint', () => {
  it('maps text offsets past escapes, entities and list indentation', () => {
    const text = '---\nref: x\ndate: 2026-02-18\n---\n# English\n## T\n\nPay US\\$5 &amp; go\n\n- one\n  two three\n'
    const {release} = parseRelease(seedPath, encode(text))
    const nodes = sectionTextNodes(release.sections.en!)
    const paragraph = nodes[1] as TextNode
    expect(paragraph.value).toBe('Pay US$5 & go')
    expect(sourcePoint(text, paragraph, paragraph.value.indexOf('5'))).toMatchObject({line: 8, column: 9})
    expect(sourcePoint(text, paragraph, paragraph.value.indexOf('go'))).toMatchObject({line: 8, column: 17})
    const item = nodes[2] as TextNode
    expect(sourcePoint(text, item, item.value.indexOf('three'))).toMatchObject({line: 11, column: 7})
  })

  it('gives the same place whatever order the places of a node are asked in (the walk resumes)', () => {
    const text =
      '---\nref: x\ndate: 2026-02-18\n---\n# English\n## T\n\nPay US\\$5 &amp; go\nto the *next* line &#x41; and\n> quoted\n> on two lines\n\n- one\n  two three\n'
    const {release} = parseRelease(seedPath, encode(text))
    fc.assert(
      fc.property(fc.array(fc.nat(), {minLength: 1, maxLength: 12}), (picks) => {
        for (const node of sectionTextNodes(release.sections.en!)) {
          const indexes = picks.map((pick) => pick % (node.value.length + 1))
          const walked = indexes.map((index) => sourcePoint(text, node, index))
          // A copy of the node has no walk to resume: each place is found from the node's start.
          const fresh = indexes.map((index) => sourcePoint(text, {...node}, index))
          expect(walked).toEqual(fresh)
        }
      })
    )
  })

  it('maps a source offset back to the index in the value (valueIndex undoes sourcePoint)', () => {
    const text = '---\nref: x\ndate: 2026-02-18\n---\n# English\n## T\n\nPay US\\$5 &amp; go\nto the *next* line &#x41; and\n> quoted\n> on two lines\n'
    const {release} = parseRelease(seedPath, encode(text))
    for (const node of sectionTextNodes(release.sections.en!)) {
      const indexes = [...node.value].map((_, i) => i)
      // Forwards (the walk resumes), then backwards (it starts again).
      for (const order of [indexes, [...indexes].reverse()]) {
        for (const i of order) expect(valueIndex(text, node, sourcePoint(text, node, i).offset)).toBe(i)
      }
    }
    const paragraph = sectionTextNodes(release.sections.en!)[1]!
    // The escaping backslash is not in the value: its offset maps to the `$` it escapes.
    expect(valueIndex(text, paragraph, text.indexOf('\\$'))).toBe(paragraph.value.indexOf('$'))
  })
})
