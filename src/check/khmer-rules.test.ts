import {readFileSync} from 'node:fs'
import path from 'node:path'
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import type {Config} from '../config/model.js'
import {scanClusters, isValidSyllable} from '../khmer/cluster.js'
import {parseRelease} from '../release/parse.js'
import {checkTexts, projectConfig, readRepoFile, repoRoot, seedPath} from '../test/project.js'
import {checkReleases} from './index.js'
import type {Edit, Rule} from './rule.js'
import digits from './rules/digits.js'
import khmerCluster from './rules/khmer-cluster.js'
import khmerDeprecated from './rules/khmer-deprecated.js'
import khmerOrder from './rules/khmer-order.js'
import khmerSpacing from './rules/khmer-spacing.js'

const rules: readonly Rule[] = [khmerCluster, khmerOrder, khmerDeprecated, khmerSpacing, digits]
const fixable: readonly Rule[] = [khmerCluster, khmerOrder, khmerDeprecated, khmerSpacing]
const seed = readRepoFile(seedPath).toString('utf8')
const config = projectConfig()

interface Found {
  ruleId: string
  place: string
  reason: string
  actual: string | undefined
  expected: string[] | undefined
  fatal: boolean | null | undefined
}

/** Checks one release text with the given rules, as `pressroom check` would, and returns messages and fixes. */
function check(text: string, only: readonly Rule[], settings: Config = config): {found: Found[]; edits: Edit[]} {
  const entry = parseRelease(seedPath, new TextEncoder().encode(text))
  const fixes = checkReleases([entry], settings, only)
  const found = entry.file.messages.map((m) => ({
    ruleId: m.ruleId ?? '',
    place: `${m.line}:${m.column}`,
    reason: m.reason,
    actual: m.actual,
    expected: m.expected,
    fatal: m.fatal
  }))
  return {found, edits: fixes.flatMap((fix) => fix.edits)}
}

/** Applies non-overlapping edits to a text. */
function applyEdits(text: string, edits: readonly Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start)
  for (let i = 1; i < sorted.length; i++) expect(sorted[i]!.start, 'edits overlap').toBeGreaterThanOrEqual(sorted[i - 1]!.end)
  let result = ''
  let at = 0
  for (const edit of sorted) {
    result += text.slice(at, edit.start) + edit.text
    at = edit.end
  }
  return result + text.slice(at)
}

/** `line:column` of an offset. */
function placeOf(text: string, offset: number): string {
  const before = text.slice(0, offset).split('\n')
  return `${before.length}:${before.at(-1)!.length + 1}`
}

/** The seed with `from` (which must occur) replaced by `to` at its first occurrence; also where the replacement starts. */
function variant(from: string, to: string): {text: string; at: number} {
  const at = seed.indexOf(from)
  expect(at, `the seed contains ${from}`).toBeGreaterThanOrEqual(0)
  return {text: seed.slice(0, at) + to + seed.slice(at + from.length), at}
}

describe('rule headers of the Khmer rules', () => {
  for (const rule of rules) {
    const header = /\/\*\*([\s\S]*?)\*\//.exec(readFileSync(path.join(repoRoot, 'src/check/rules', `${rule.id}.ts`), 'utf8'))![1]!
    const lines = header.split('\n').map((line) => line.replace(/^\s*\* ?/, ''))
    const examples = new Map<string, string[]>()
    const expects: string[] = []
    let current: string[] | null = null
    for (const line of lines) {
      const example = /^@example (\S+)$/.exec(line)
      if (example) examples.set(example[1]!, (current = []))
      else if (line.startsWith('@expect ')) {
        current = null
        expects.push(line.slice('@expect '.length))
      }
      else if (current && (line.startsWith('  ') || line === '')) current.push(line.slice(2))
      else current = null
    }

    it(`${rule.id}: examples give exactly the expected messages`, () => {
      expect(examples.size).toBeGreaterThanOrEqual(2)
      const actual: string[] = []
      for (const [file, body] of examples) {
        const [entry] = checkTexts({[file]: `${body.join('\n').replace(/\n+$/, '')}\n`}, undefined, [rule])
        for (const m of entry!.file.messages) {
          expect(m.ruleId, m.reason).toBe(rule.id)
          actual.push(`${file} ${m.line}:${m.column} ${m.reason}`)
        }
      }
      expect(actual).toHaveLength(expects.length)
      for (const prefix of expects) expect(actual.some((line) => line.startsWith(prefix)), `missing ${prefix}\n${actual.join('\n')}`).toBe(true)
    })
  }
})

describe('the seed release', () => {
  it('gives no errors from the Khmer rules', () => {
    const {found} = check(seed, rules)
    expect(found.filter((m) => m.fatal)).toEqual([])
  })

  it('gives only the two spaces before ។ that go against the release’s own majority', () => {
    const {found, edits} = check(seed, rules)
    const mark = (before: string) => placeOf(seed, seed.indexOf(`${before} ។`) + before.length)
    expect(found.map((m) => [m.ruleId, m.place, m.actual, m.expected])).toEqual([
      ['khmer-spacing', mark('(ILO)'), ' ', ['']],
      ['khmer-spacing', mark('ជាងមុន'), ' ', ['']]
    ])
    expect(found[0]!.reason).toBe('Space before ។, but this release writes it without one 4 times out of 6; delete the space')
    const fixed = applyEdits(seed, edits)
    expect(fixed).toContain('(ILO)។')
    expect(fixed).toContain('ជាងមុន។')
    expect(check(fixed, rules).found).toEqual([])
  })
})

interface Slip {
  name: string
  rule: Rule
  from: string
  to: string
  /** Offset of the reported character within `to`. */
  offset: number
  actual: string
  expected: string[]
  /** What applying the fix gives in place of `to`; undefined when there is no fix. */
  fixed?: string
}

const slips: Slip[] = [
  {name: 'coeng typed twice', rule: khmerCluster, from: 'ផ្តល់ថវិកា', to: 'ផ្្តល់ថវិកា', offset: 1, actual: '\u17d2\u17d2', expected: ['\u17d2'], fixed: 'ផ្តល់ថវិកា'},
  {name: 'coeng at the end of a word', rule: khmerCluster, from: 'ស្ថាប័នទទួលជំនួយ។', to: 'ស្ថាប័នទទួលជំនួយ្។', offset: 16, actual: '\u17d2', expected: ['']},
  {name: 'the same subscript twice', rule: khmerCluster, from: 'ជម្នះផ្តល់', to: 'ជម្នះផ្ត្តល់', offset: 8, actual: '្ត', expected: [''], fixed: 'ជម្នះផ្តល់'},
  {name: 'the same sign twice', rule: khmerCluster, from: 'ជំនួយនេះ', to: 'ជំំនួយនេះ', offset: 2, actual: 'ំ', expected: [''], fixed: 'ជំនួយនេះ'},
  {name: 'a vowel typed twice', rule: khmerCluster, from: 'ជំនួយនេះ', to: 'ជំនួយនេេះ', offset: 6, actual: 'េេ', expected: ['េ'], fixed: 'ជំនួយនេះ'},
  {name: 'vowel sign after a space', rule: khmerCluster, from: 'ជំនួយនេះ មាន', to: 'ជំនួយនេះ ាមាន', offset: 9, actual: 'ា', expected: ['']},
  {name: 'shifter after the vowel', rule: khmerCluster, from: 'ជប៉ុននឹង', to: 'ជបុ៉ននឹង', offset: 2, actual: 'ុ៉', expected: ['៉ុ']},
  {name: 'coeng-Ro first', rule: khmerOrder, from: 'សម្រាប់ពលករ', to: 'សម្រាប់ស្រ្តី', offset: 7, actual: 'ស្រ្តី', expected: ['ស្ត្រី'], fixed: 'សម្រាប់ស្ត្រី'},
  {name: 'sign before the vowel', rule: khmerOrder, from: 'កម្លាំង', to: 'កម្លំាង', offset: 1, actual: 'ម្លំា', expected: ['ម្លាំ'], fixed: 'កម្លាំង'},
  {name: 'split vowel in two parts', rule: khmerOrder, from: 'ជម្លោះ', to: 'ជម្លេាះ', offset: 1, actual: 'ម្លេាះ', expected: ['ម្លោះ'], fixed: 'ជម្លោះ'},
  {name: 'deprecated U+17A3', rule: khmerDeprecated, from: 'អង្គការ', to: 'ឣង្គការ', offset: 0, actual: 'ឣ', expected: ['អ'], fixed: 'អង្គការ'},
  {name: 'deprecated U+17D8', rule: khmerDeprecated, from: 'ជំនាញ។', to: 'ជំនាញ៘', offset: 5, actual: '៘', expected: ['។ល។'], fixed: 'ជំនាញ។ល។'},
  {name: 'deprecated U+17B4', rule: khmerDeprecated, from: 'ជំនួយនេះ', to: 'ជំនួយ\u17b4នេះ', offset: 5, actual: '\u17b4', expected: [''], fixed: 'ជំនួយនេះ'},
  {name: 'two spaces', rule: khmerSpacing, from: 'ជំនួយនេះ មាន', to: 'ជំនួយនេះ  មាន', offset: 8, actual: '  ', expected: [' '], fixed: 'ជំនួយនេះ មាន'},
  {name: 'stray U+FEFF', rule: khmerSpacing, from: 'ថៃ ដោយសារ', to: 'ថៃ\ufeff ដោយសារ', offset: 2, actual: '\ufeff ', expected: [' '], fixed: 'ថៃ ដោយសារ'},
  {name: 'U+200B inside a cluster', rule: khmerSpacing, from: 'ប្រទេសថៃ', to: 'ប្រទ\u200bេសថៃ', offset: 4, actual: '\u200b', expected: [''], fixed: 'ប្រទេសថៃ'},
  {name: 'stray U+200C between words', rule: khmerSpacing, from: 'ប្រទេសថៃ', to: 'ប្រទេស\u200cថៃ', offset: 6, actual: '\u200c', expected: [''], fixed: 'ប្រទេសថៃ'},
  {name: 'mixed digits', rule: digits, from: '១,០០០,០០០', to: '១,0០០,០០០', offset: 0, actual: '១,0០០,០០០', expected: ['១,០០០,០០០'], fixed: '១,០០០,០០០'},
  {name: 'Latin digits in Khmer text', rule: digits, from: '១,០០០,០០០ ដុល្លារអាមេរិកដល់', to: '1,000,000 ដុល្លារអាមេរិកដល់', offset: 0, actual: '1,000,000', expected: ['១,០០០,០០០'], fixed: '១,០០០,០០០ ដុល្លារអាមេរិកដល់'}
]

describe('one slip in the seed', () => {
  for (const slip of slips) {
    it(`${slip.rule.id}: ${slip.name}`, () => {
      const {text, at} = variant(slip.from, slip.to)
      const {found, edits} = check(text, [slip.rule])
      const own = found.filter((m) => !(m.ruleId === 'khmer-spacing' && /before ។/.test(m.reason)))
      expect(own.map((m) => [m.ruleId, m.place, m.actual, m.expected])).toEqual([[slip.rule.id, placeOf(text, at + slip.offset), slip.actual, slip.expected]])
      expect(own[0]!.fatal).toBe(slip.rule.severity === 'error')
      expect(own[0]!.reason).toMatch(/; (write|delete|retype)/)
      const ownEdits = edits.filter((edit) => edit.start >= at && edit.end <= at + slip.to.length)
      if (slip.fixed === undefined) {
        expect(ownEdits).toEqual([])
        return
      }
      const fixed = applyEdits(text, ownEdits)
      expect(fixed).toBe(variant(slip.from, slip.fixed).text)
      expect(check(fixed, [slip.rule]).edits.filter((edit) => edit.start >= at && edit.end <= at + slip.fixed!.length)).toEqual([])
    })
  }

  it('khmer-spacing follows the majority when most full stops have a space before them', () => {
    let text = seed
    for (const word of ['ជំនួយ។', 'ព្រំដែន។', 'ជំនាញ។']) text = text.replace(word, word.replace('។', ' ។'))
    const {found, edits} = check(text, [khmerSpacing])
    const at = text.indexOf('”។') + 1
    expect(found.map((m) => [m.place, m.actual, m.expected])).toEqual([[placeOf(text, at), '។', [' ។']]])
    expect(found[0]!.reason).toBe('No space before ។, but this release writes one 5 times out of 6; write a space before it')
    const fixed = applyEdits(text, edits)
    expect(fixed.slice(at - 1, at + 2)).toBe('” ។')
    expect(check(fixed, [khmerSpacing]).found).toEqual([])
  })

  it('reports at the same places and fixes in place in a file with CRLF line endings', () => {
    const crlf = variant('ជំនួយនេះ មាន', 'ជំនួយនេះ  មាន').text.replace(/\n/g, '\r\n')
    const {found, edits} = check(crlf, rules)
    const lf = check(crlf.replace(/\r\n/g, '\n'), rules).found
    expect(found.map((m) => [m.ruleId, m.place, m.actual])).toEqual(lf.map((m) => [m.ruleId, m.place, m.actual]))
    expect(applyEdits(crlf, edits)).toBe(seed.replace('(ILO) ។', '(ILO)។').replace('ជាងមុន ។', 'ជាងមុន។').replace(/\n/g, '\r\n'))
  })

  it('khmer-cluster also reports U+200B inside a cluster, as an error', () => {
    const {text, at} = variant('ប្រទេសថៃ', 'ប្រទ\u200bេសថៃ')
    expect(check(text, [khmerCluster]).found.map((m) => [m.place, m.reason])).toEqual([
      [placeOf(text, at + 4), 'Invalid Khmer zero-width space (U+200B) in ទ\u200bេ: an invisible character inside a cluster splits it; delete it']
    ])
  })

  it('khmer-deprecated reports U+17D3 with no fix', () => {
    const {text, at} = variant('ជំនាញ។', 'ជំនាញ៓។')
    const {found, edits} = check(text, [khmerDeprecated])
    expect(found.map((m) => [m.place, m.actual])).toEqual([[placeOf(text, at + 5), '៓']])
    expect(found[0]!.reason).toMatch(/^Deprecated Khmer ◌៓ \(U\+17D3\); write the lunar date with the symbols ᧠–᧿ \(U\+19E0–U\+19FF/)
    expect(edits).toEqual([])
  })

  it('khmer-deprecated offers no fix for U+17A4 before a vowel, which the fix would break', () => {
    const {text} = variant('ជំនាញ។', 'ជំនាញ ឤិ។')
    const {found, edits} = check(text, [khmerDeprecated])
    expect(found).toHaveLength(1)
    expect(edits).toEqual([])
  })

  it('digits follows khmerDigits: latin reports Khmer digits, either reports only mixing', () => {
    const latin = check(seed, [digits], {...config, khmerDigits: 'latin'}).found
    expect(latin.map((m) => m.actual)).toEqual(['១,០០០,០០០', '១,០០០,០០០', '១,០០០,០០០'])
    expect(latin[0]!.expected).toEqual(['1,000,000'])
    const {text} = variant('១,០០០,០០០ ដុល្លារអាមេរិកដល់', '1,000,000 ដុល្លារអាមេរិកដល់')
    expect(check(text, [digits], {...config, khmerDigits: 'either'}).found).toEqual([])
    expect(check(variant('១,០០០,០០០', '១,0០០,០០០').text, [digits], {...config, khmerDigits: 'either'}).found).toHaveLength(1)
  })

  it('digits leaves Latin tokens, URLs, e-mail addresses, references and phone numbers alone', () => {
    const kept = 'PR-26/EoJ COVID-19 US$1,000 https://www.kh.emb-japan.go.jp/2026 info.jpn@pp.mofa.go.jp No. 10 PR-26/EoJ 023 217 161 +855 23 217 161'
    expect(check(variant('ជំនាញ។', `ជំនាញ។ ${kept}`).text, [digits]).found).toEqual([])
    expect(check(variant('ជំនាញ។', 'ជំនាញ។ ឆ្នាំ2026 ថ្ងៃទី18').text, [digits]).found.map((m) => m.expected)).toEqual([['២០២៦'], ['១៨']])
  })
})

/*
 * Property tests: random Khmer paragraphs, from loose characters and from
 * syllables with their parts shuffled, placed in the seed's Khmer section.
 */
const loose = fc.constantFrom(
  ...'កខគងសហអរលមបទតនយ'.split(''),
  '\u17a3', '\u17a4', '\u17a5', '\u17d2', '\u17d2', '\u17d2\u179a', '\u17c9', '\u17ca', '\u17cc',
  '\u17b6', '\u17b7', '\u17b8', '\u17bb', '\u17bc', '\u17c1', '\u17c4', '\u17be', '\u17c6', '\u17cb', '\u17c7', '\u17c8', '\u17d3', '\u17dd',
  '\u17b4', '\u17b5', '\u17d8', '\u200b', '\u200c', '\u200d', '\ufeff', '\u2060',
  ' ', ' ', '  ', '\u17d4', ' \u17d4', '\u17e1', '1', ','
)
const syllable = fc
  .record({
    base: fc.constantFrom(...'កខគងសហអរលមបទតនយ'.split('')),
    pieces: fc.subarray(['\u17cc', '\u17d2\u179a', '\u17d2\u178f', '\u17c9', '\u17b6', '\u17bb', '\u17c1', '\u17c6', '\u17c7']),
    order: fc.array(fc.nat(), {maxLength: 9})
  })
  .map(({base, pieces, order}) => {
    const shuffled = [...pieces]
    order.forEach((n, i) => {
      const j = n % shuffled.length
      const k = i % shuffled.length
      if (shuffled.length > 0) [shuffled[j], shuffled[k]] = [shuffled[k]!, shuffled[j]!]
    })
    return base + shuffled.join('')
  })
const paragraph = fc.array(fc.oneof(loose, syllable, fc.constant(' ')), {minLength: 1, maxLength: 40}).map((parts) => parts.join(''))

/** Where the Khmer section and its last paragraph start in the seed. */
const khmerStart = seed.indexOf('# ខ្មែរ')
const lastParagraph = seed.lastIndexOf('\n\n') + 2

/** The seed with its last Khmer paragraph replaced by `text`. */
function withParagraph(text: string): string {
  return `${seed.slice(0, lastParagraph)}${text}\n`
}

describe('fixes, on random Khmer text', () => {
  for (const rule of fixable) {
    it(`${rule.id}: fixes stay in their spans, are idempotent and break no syllable`, () => {
      fc.assert(
        fc.property(paragraph, (text) => {
          const source = withParagraph(text)
          const {edits} = check(source, [rule])
          const fixed = applyEdits(source, edits)
          for (const edit of edits) {
            // Only the random paragraph has clusters to fix; spacing before ។ may follow a new majority anywhere in the Khmer section.
            expect(edit.start).toBeGreaterThanOrEqual(rule === khmerSpacing ? khmerStart : lastParagraph)
            const replaced = source.slice(edit.start, edit.end)
            if (rule === khmerOrder) {
              // A reordering: the same characters, split vowels counted as their two parts.
              const parts = (s: string) => [...s.replaceAll('\u17c4', '\u17c1\u17b6').replaceAll('\u17be', '\u17c1\u17b8')].sort().join('')
              expect(parts(edit.text)).toBe(parts(replaced))
              if (isValidSyllable(replaced)) expect(isValidSyllable(edit.text)).toBe(true)
            } else if (rule === khmerCluster) {
              // Only a character typed twice is fixed: what goes is a repeat of what stays right before it.
              expect(replaced.startsWith(edit.text)).toBe(true)
              const removed = replaced.slice(edit.text.length)
              const kept = source.slice(0, edit.start) + edit.text
              const unit = [1, 2].map((n) => kept.slice(-n)).find((u) => removed === u.repeat(removed.length / u.length))
              expect(unit, `${JSON.stringify(replaced)} -> ${JSON.stringify(edit.text)}`).toBeDefined()
            } else if (rule === khmerDeprecated) {
              expect(replaced).toMatch(/^[\u17a3\u17a4\u17b4\u17b5\u17d8]$/)
            } else {
              // Spacing fixes only remove or add spaces and zero-width characters.
              expect(replaced.replace(/[ \u200b-\u200d\u2060\ufeff]/g, '')).toBe(edit.text.replace(/ /g, ''))
            }
          }
          // Idempotent: a second run proposes nothing.
          expect(check(fixed, [rule]).edits).toEqual([])
          // No syllable breaks: no more invalid spans than before, and none where there were none.
          const before = scanClusters(source).invalid.length
          const after = scanClusters(fixed).invalid.length
          expect(after).toBeLessThanOrEqual(before)
        }),
        // Each run checks a whole release twice: a third of FUZZ_RUNS (FUZZ_RUNS=20000 npm test for more).
        {numRuns: Math.max(60, Math.floor(Number(process.env.FUZZ_RUNS ?? 300) / 3)), seed: 26}
      )
    })
  }
})
