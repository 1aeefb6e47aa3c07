import fc from 'fast-check'
import {mixedUnits, releaseState, type Edit, type StateRelease} from './states.js'

/**
 * Generators of hostile release files for property tests: Markdown, YAML and
 * Unicode that a press officer, an editor or a broken export might produce.
 */

const khmerConsonant = fc.integer({min: 0x1780, max: 0x17a2}).map((cp) => String.fromCodePoint(cp))
const khmerMark = fc.integer({min: 0x17b6, max: 0x17dd}).map((cp) => String.fromCodePoint(cp))
const khmerDigit = fc.integer({min: 0x17e0, max: 0x17e9}).map((cp) => String.fromCodePoint(cp))

/** Valid clusters (consonant, maybe a coeng subscript, maybe a vowel) and broken ones (marks alone, doubled coengs). */
export const khmerCluster = fc.oneof(
  fc.tuple(khmerConsonant, fc.option(khmerConsonant), fc.option(khmerMark)).map(([c, sub, v]) => `${c}${sub ? `\u17D2${sub}` : ''}${v ?? ''}`),
  fc.array(khmerMark, {minLength: 1, maxLength: 3}).map((marks) => marks.join('')),
  fc.constantFrom('\u17D2\u17D2', '\u1780\u17D2', '\u1780\u200B\u17B6', '\u17A3', '\u17B4', '\u17D8')
)

const word = fc.oneof(
  fc.constantFrom('Japan', 'US$1,000,000', '$5', 'USD 1.5 million', '18 February 2026', 'No. 10 PR-26/EoJ', 'No.10 PR-26/EoJ', 'ILO', 'TODO', 'https://x.org', 'javascript:alert(1)', 'a@b', '<script>alert(1)</script>', '&amp;', '\\', '`', '*', '_', '[', ']', '(', ')', '!', '#', '>', '-', '|', '~', '១,០០០,០០០', 'ដុល្លារអាមេរិក', 'ថ្ងៃទី១៨ ខែ កុម្ភៈ ឆ្នាំ២០២៦', '។', '៖'),
  fc.array(khmerCluster, {minLength: 1, maxLength: 6}).map((clusters) => clusters.join('')),
  fc.array(khmerDigit, {minLength: 1, maxLength: 12}).map((digits) => digits.join('')),
  fc.bigInt({min: 0n, max: 10n ** 40n}).map(String),
  fc.string({maxLength: 8}),
  fc.string({unit: 'binary', maxLength: 4}),
  fc.constantFrom('\u0000', '\u0007', '\u001B', '\u007F', '\u2028', '\u202E', '\uFEFF', '\u200B', '\u200C', '\u200D', 'e\u0301', '\uD800')
)

const inline = fc.array(word, {minLength: 0, maxLength: 12}).map((words) => words.join(' '))

const line = fc.oneof(
  {weight: 5, arbitrary: inline},
  {weight: 1, arbitrary: inline.map((text) => `## ${text}`)},
  {weight: 1, arbitrary: inline.map((text) => `### ${text}`)},
  {weight: 1, arbitrary: fc.constantFrom('# English', '# ខ្មែរ', '# Khmer', '# Other', '---', '***', '```', '    code', '<div>', '![x](y.png)')},
  {weight: 1, arbitrary: fc.tuple(fc.integer({min: 1, max: 40}), inline).map(([depth, text]) => `${'>'.repeat(depth)} ${text}`)},
  {weight: 1, arbitrary: fc.tuple(fc.integer({min: 0, max: 30}), inline).map(([depth, text]) => `${'  '.repeat(depth)}- ${text}`)},
  {weight: 1, arbitrary: fc.tuple(inline, fc.string({maxLength: 20})).map(([text, url]) => `[${text}](${url})`)},
  {weight: 1, arbitrary: fc.integer({min: 1000, max: 20000}).map((n) => 'ស្ត្រី '.repeat(n / 7))}
)

const yamlValue = fc.oneof(
  fc.constantFrom('No. 10 PR-26/EoJ', '2026-02-18', '2026-02-30', 'true', 'no', '[', '{a: 1', '"unterminated', "'x'", '|', '>', '&anchor', '*alias', '!!binary x', '~', '2026-02-18T10:00:00+07:00'),
  fc.string({maxLength: 20})
)
const yamlLine = fc.oneof(
  fc.tuple(fc.constantFrom('ref', 'date', 'embargo', 'draft', 'refs', 'ref', ''), yamlValue).map(([k, v]) => `${k}: ${v}`),
  fc.string({maxLength: 30})
)

/** A release-like file: maybe frontmatter, then Markdown lines, with LF or CRLF. */
export const releaseText = fc
  .tuple(
    fc.boolean(),
    fc.array(yamlLine, {maxLength: 6}),
    fc.array(line, {maxLength: 40}),
    fc.constantFrom('\n', '\r\n', '\r'),
    fc.boolean()
  )
  .map(([withFrontmatter, yaml, body, eol, bom]) => {
    const lines = withFrontmatter ? ['---', ...yaml, '---', ...body] : body
    return `${bom ? '\uFEFF' : ''}${lines.join(eol)}`
  })

/** The same, as bytes, sometimes with invalid UTF-8 spliced in. */
export const releaseBytes = fc
  .tuple(releaseText, fc.option(fc.tuple(fc.nat(), fc.uint8Array({minLength: 1, maxLength: 3}))))
  .map(([text, splice]) => {
    const bytes = new TextEncoder().encode(text)
    if (!splice) return bytes
    const [at, junk] = splice
    const position = bytes.length === 0 ? 0 : at % bytes.length
    return new Uint8Array([...bytes.subarray(0, position), ...junk, ...bytes.subarray(position)])
  })

/**
 * Whole release files in unfinished states (see `releaseState`): 0–60
 * units of mixed kinds, English or Khmer stopping short, a passage
 * skipped, Khmer of its own, a shape changed, a section empty or left out,
 * draft or not. Each comes with the units a check must report as missing.
 */
export const releaseStateArbitrary: fc.Arbitrary<StateRelease> = fc
  .record({
    count: fc.integer({min: 0, max: 60}),
    offset: fc.nat({max: 50}),
    draft: fc.boolean(),
    a: fc.nat(),
    b: fc.nat(),
    kind: fc.constantFrom<Edit['type'][]>(
      'full',
      'khmer-stops',
      'english-stops',
      'khmer-skips',
      'khmer-adds',
      'khmer-as-list',
      'khmer-headline-only',
      'khmer-empty',
      'no-khmer',
      'no-english'
    )
  })
  .map(({count, offset, draft, a, b, kind}) => {
    const units = mixedUnits(count, offset)
    const at = a % (count + 1)
    const length = 1 + (b % Math.max(1, Math.min(6, count - at)))
    const edits: Record<Edit['type'], Edit> = {
      full: {type: 'full'},
      'khmer-stops': {type: 'khmer-stops', at},
      'english-stops': {type: 'english-stops', at},
      'khmer-skips': {type: 'khmer-skips', from: at, to: Math.min(count, at + length)},
      'khmer-adds': {type: 'khmer-adds', at, extra: mixedUnits(length, offset + 3)},
      'khmer-as-list': {type: 'khmer-as-list', from: at, to: Math.min(count, at + length)},
      'khmer-headline-only': {type: 'khmer-headline-only'},
      'khmer-empty': {type: 'khmer-empty'},
      'no-khmer': {type: 'no-khmer'},
      'no-english': {type: 'no-english'}
    }
    return releaseState(`${kind}-${count}`, units, edits[kind], draft)
  })
