import fc from 'fast-check'
import {describe, expect, test} from 'vitest'
import {parseRelease} from '../../release/parse.js'
import {breakOpportunities} from '../../text/breaks.js'
import {graphemeBoundaries} from '../../text/graphemes.js'
import {readRepoFile, seedPath} from '../../test/project.js'
import {inlineText} from './plain-text.js'
import {segmentParagraph, wrapFlowed} from './wrap-flowed.js'

// KHMER.md §3: matched ICU on every Khmer cluster of the seed; independent of the ICU version.
const khmerCluster = /[\u1780-\u17A2\u17A5-\u17B3]\u17CC?(?:\u17D2[\u1780-\u17B3])*[\u17C9\u17CA]?[\u17B6-\u17C5]*[\u17C6-\u17D1\u17D3\u17DD]*/gu
const graphemes = new Intl.Segmenter('km', {granularity: 'grapheme'})

/** What a DelSp=yes reader makes of the lines (RFC 3676 §4.2, §4.4): drop one space per soft break, and the stuffing. */
function unwrap(lines: string[]): {text: string; joins: number[]} {
  let text = ''
  const joins: number[] = []
  for (const [index, line] of lines.entries()) {
    const content = index === 0 && line.startsWith(' ') ? line.slice(1) : line
    if (index > 0) joins.push(text.length)
    text += index < lines.length - 1 ? content.slice(0, -1) : content
  }
  return {text, joins}
}

function columns(line: string): number {
  let width = 0
  for (const {segment} of graphemes.segment(line)) width += /^[\u1780-\u17FF]/u.test(segment) ? 2 : 1
  return width
}

function insideKhmerCluster(text: string, offset: number): boolean {
  for (const match of text.matchAll(khmerCluster)) {
    if (match.index < offset && offset < match.index + match[0].length) return true
  }
  return false
}

function assertWrapped(text: string, width = 72) {
  const lines = wrapFlowed(text, {width})
  const {text: back, joins} = unwrap(lines)
  expect(back).toBe(text.replace(/ +$/u, ''))
  const starts = new Set([...graphemes.segment(back)].map((segment) => segment.index))
  for (const join of joins) {
    expect(starts.has(join), `break at ${join} inside a grapheme cluster of ${JSON.stringify(back)}`).toBe(true)
    expect(insideKhmerCluster(back, join), `break at ${join} inside a Khmer cluster`).toBe(false)
    // Continuation lines never need stuffing, and never start with a khan or a closing quote.
    expect(back.slice(join)).not.toMatch(/^(?: |>|From |[។៕៖”’),.])/u)
  }
  // Over the width only when the line holds no break the text engine allows.
  const allowed = breakOpportunities(back)
    .map((opportunity) => opportunity.offsetUtf16)
    .filter((offset) => !/^(?: |>|From )/u.test(back.slice(offset)))
  const bounds = [0, ...joins, back.length]
  for (const [index, line] of lines.entries()) {
    expect(line.endsWith(' ')).toBe(index < lines.length - 1)
    if (columns(line.trimEnd()) > width) {
      const [start, end] = [bounds[index]!, bounds[index + 1]!]
      const inside = allowed.filter((offset) => offset > start && offset < end && columns(back.slice(start, offset).trimEnd()) <= width)
      expect(inside, `line ${JSON.stringify(line)} could break at ${inside.join(', ')}`).toEqual([])
    }
  }
  return lines
}

const seed = parseRelease(seedPath, readRepoFile(seedPath)).release
const seedParagraphs = (['en', 'km'] as const).flatMap((lang) => {
  const section = seed.sections[lang]!
  const blocks = section.blocks.flatMap((block) => (block.type === 'list' ? block.items.flatMap((item) => item.children) : [block]))
  return [section.headline!.text, ...blocks.map((block) => (block.type === 'paragraph' || block.type === 'heading' ? inlineText(block.children) : ''))]
})

describe('wrapFlowed', () => {
  test('wraps every paragraph of the seed at cluster boundaries, and unwraps to it exactly', () => {
    for (const paragraph of seedParagraphs) assertWrapped(paragraph)
  })

  test('breaks Khmer between words where there is no space, marking the break with the one space a reader deletes', () => {
    const text = 'រដ្ឋាភិបាលជប៉ុននឹងផ្តល់ថវិកាចំនួន ១,០០០,០០០ ដុល្លារអាមេរិកដល់អង្គការពលកម្មអន្តរជាតិ (ILO) ។'
    const lines = assertWrapped(text, 30)
    expect(lines).toEqual(['រដ្ឋាភិបាលជប៉ុននឹងផ្តល់ថវិកា ', 'ចំនួន ១,០០០,០០០ ដុល្លារ ', 'អាមេរិកដល់អង្គការពលកម្ម ', 'អន្តរជាតិ (ILO) ។'])
  })

  test('keeps a break at a space as that space plus the soft-break space', () => {
    expect(wrapFlowed('one two three', {width: 6})).toEqual(['one  ', 'two  ', 'three'])
  })

  test('never splits a coeng stack, even in a line of one word', () => {
    // ស្ត្រី is one cluster: 179F 17D2 178F 17D2 179A 17B8.
    const lines = assertWrapped('ស្ត្រី'.repeat(20), 4)
    for (const line of lines) expect(line.trimEnd()).toMatch(/^(?:ស្ត្រី)+$/u)
  })

  test('leaves a word or a URL longer than the line whole', () => {
    const url = `https://example.org/${'a'.repeat(100)}`
    expect(wrapFlowed(`see ${url} now`, {width: 40})).toEqual(['see  ', `${url}  `, 'now'])
  })

  test('stuffs a first line that starts with a space, > or From, and never breaks before one', () => {
    expect(wrapFlowed('From Tokyo', {width: 72})).toEqual([' From Tokyo'])
    expect(wrapFlowed('> not a quote', {width: 72})).toEqual([' > not a quote'])
    const lines = wrapFlowed('aaaa From bbbb > cccc', {width: 6})
    for (const line of lines.slice(1)) expect(line).not.toMatch(/^(?: |>|From )/u)
    expect(unwrap(lines).text).toBe('aaaa From bbbb > cccc')
  })

  test('marks quoted lines with the quote depth', () => {
    expect(wrapFlowed('one two three', {width: 8, quoteDepth: 1})).toEqual(['> one  ', '> two  ', '> three'])
    expect(wrapFlowed('', {quoteDepth: 2})).toEqual(['>>'])
  })

  test('any mix of Khmer, Latin, digits and punctuation unwraps exactly, breaking only between clusters', () => {
    const words = [
      'ស្ថានទូត', 'ជប៉ុន', 'ប្រចាំ', 'កម្ពុជា', 'ស្ត្រី', 'អ៊ុំ', 'ព្រះរាជាណាចក្រ', 'ផ្តល់', 'ILO', 'US$1,000,000',
      '១,០០០,០០០', 'Japan', 'employment', 'From', '>', '។', '៖', '“', '”', '(', ')', ',', 'a', '\u200B'
    ]
    const text = fc
      .array(fc.tuple(fc.constantFrom(...words), fc.constantFrom('', '', ' ', '  ')), {maxLength: 60})
      .map((parts) => parts.map(([word, space]) => word + space).join(''))
    fc.assert(
      fc.property(text, fc.integer({min: 8, max: 80}), (value, width) => {
        assertWrapped(value, width)
      }),
      {numRuns: 300}
    )
  })

  test('finds, piece by piece, the same clusters and breaks as in the whole paragraph', () => {
    const words = [
      'ស្ថានទូត', 'ជប៉ុន', 'ប្រចាំ', 'កម្ពុជា', 'ស្ត្រី', 'អ៊ុំ', 'ផ្តល់', 'ILO', 'US$1,000,000', '១,០០០,០០០', 'Japan', 'From', '>', '។',
      '៖', '“', '”', '’', '(', ')', ',', 'a', '\u200B', '\u0301', '\u17B6', '\u17D2', '\u200D', 'https://example.org/a b', '👍🏽', '🇰🇭'
    ]
    const text = fc
      .array(fc.tuple(fc.constantFrom(...words), fc.constantFrom('', '', ' ', '  ', '\u200B')), {maxLength: 80})
      .map((parts) => parts.map(([word, space]) => word + space).join(''))
    fc.assert(
      fc.property(text, fc.integer({min: 1, max: 40}), (value, piece) => {
        const {boundaries, breaks} = segmentParagraph(value, piece)
        expect(boundaries).toEqual(graphemeBoundaries(value))
        expect(breaks).toEqual(breakOpportunities(value))
      }),
      {numRuns: Number(process.env.FUZZ_RUNS ?? 300)}
    )
  })

  test('wraps a 200 KB paragraph into the same lines as its pieces would be wrapped alone', () => {
    // The time is measured by the bench; here, that the long paragraph comes back whole.
    const sentence = 'The Government of Japan will provide US$1,000,000 to the ILO. រដ្ឋាភិបាលជប៉ុននឹងផ្តល់ថវិកា ។ '
    const text = sentence.repeat(Math.ceil(200_000 / sentence.length))
    const lines = wrapFlowed(text)
    expect(unwrap(lines).text).toBe(text.trimEnd())
    expect(Math.max(...lines.map((line) => columns(line.trimEnd())))).toBeLessThanOrEqual(72)
    expect(lines.slice(0, 30)).toEqual(wrapFlowed(sentence.repeat(40)).slice(0, 30))
  })
})
