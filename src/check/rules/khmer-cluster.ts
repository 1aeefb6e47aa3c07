/**
 * khmer-cluster: Khmer text is made of well-formed syllables. Where a mark
 * cannot join the syllable before it, renderers draw a dotted circle ◌ in
 * its place: a vowel sign or other mark with no consonant (after a space or
 * at the start), a coeng typed twice, two vowels in one cluster, an above
 * vowel before a below vowel, a register shifter or robat after the vowel,
 * anything but a final sign after U+17C7, a zero-width space or joiner
 * inside a cluster. The syllable grammar is HarfBuzz's Khmer shaper's
 * (src/khmer/cluster.ts); a vowel on a digit or a dash is therefore
 * accepted, as HarfBuzz accepts it.
 *
 * Reported too, although HarfBuzz draws them without a circle: a coeng with
 * no consonant after it at the end of a word (no Khmer word ends in one: a
 * subscript was left out), the same subscript twice in a row (ក្ល្ល) and the
 * same sign twice (កំំ). Messages show the characters, then their code
 * points. `--fix` deletes a character typed twice (a coeng, vowel,
 * subscript or sign); the other slips need the writer to choose.
 *
 * @example releases/2026/010-ok.md
 *   ---
 *   ref: No. 10 PR-26/EoJ
 *   date: 2026-02-18
 *   ---
 *   # English
 *   ## Japan provides a grant to the ILO
 *   # ខ្មែរ
 *   ## ជប៉ុនផ្តល់ជំនួយដល់អង្គការពលកម្មអន្តរជាតិ
 *
 *   ស្ត្រី និងកុមារ ១,០០០ នាក់ ។
 *
 * @example releases/2026/010-broken.md
 *   ---
 *   ref: No. 10 PR-26/EoJ
 *   date: 2026-02-18
 *   ---
 *   # English
 *   ## Japan provides a grant to the ILO
 *   # ខ្មែរ
 *   ## ជប៉ុនផ្្តល់ជំនួយ
 *
 *   រដ្ឋាភិបាល ាជប៉ុន
 *
 *   ជំនួយ្ និងកា៉រ
 *
 *   ស្ត្រ្រី និងកុមារជំំនាញ
 *
 * @expect releases/2026/010-broken.md 8:10 Invalid Khmer ◌្្ (U+17D2 U+17D2) in ផ្្ត: coeng typed twice, drawn with a dotted circle; delete one
 * @expect releases/2026/010-broken.md 10:12 Invalid Khmer ◌ា (U+17B6): no consonant to carry it, drawn with a dotted circle; delete it or type the consonant before it
 * @expect releases/2026/010-broken.md 12:6 Invalid Khmer ◌្ (U+17D2) in យ្: coeng at the end of a word, with no consonant after it; delete it or type the subscript consonant after it
 * @expect releases/2026/010-broken.md 12:12 Invalid Khmer ◌ា៉ (U+17B6 U+17C9) in កា៉: register shifter or robat after the vowel, drawn with a dotted circle; write ក៉ា (U+1780 U+17C9 U+17B6)
 * @expect releases/2026/010-broken.md 14:6 Invalid Khmer ◌្រ (U+17D2 U+179A) in ស្ត្រ្រី: the same subscript typed twice in a row, drawn without a dotted circle but spelt wrong; delete the repeat: write ស្ត្រី (U+179F U+17D2 U+178F U+17D2 U+179A U+17B8)
 * @expect releases/2026/010-broken.md 14:20 Invalid Khmer ◌ំ (U+17C6) in ជំំ: the same sign typed twice, drawn without a dotted circle but spelt wrong; delete the repeat: write ជំ (U+1787 U+17C6)
 */
import {isValidSyllable, normalizeCluster, scanClusters, type InvalidSpan} from '../../khmer/cluster.js'
import {describeKhmer} from '../../khmer/describe.js'
import {spanInSource} from '../../khmer/span.js'
import {sectionsOf, sectionTextNodes} from '../../release/text.js'
import {defineRule} from '../rule.js'

const circle = 'drawn with a dotted circle'
const noCircle = 'drawn without a dotted circle but spelt wrong'

const problems: Record<InvalidSpan['problem'], string> = {
  'no-base': `no consonant to carry it, ${circle}`,
  'invisible-in-cluster': `an invisible character inside a cluster splits it`,
  'repeated-coeng': `coeng typed twice, ${circle}`,
  'coeng-without-consonant': `coeng with no consonant after it, ${circle}`,
  'trailing-coeng': 'coeng at the end of a word, with no consonant after it',
  'duplicate-vowel': `vowel typed twice, ${circle}`,
  'above-before-below': `above vowel typed before the below vowel, ${circle}`,
  'two-vowels': `two vowels in one cluster, ${circle}`,
  'shifter-after-vowel': `register shifter or robat after the vowel, ${circle}`,
  'after-final-sign': `a mark after the final sign, ${circle}`,
  misplaced: `a mark where the cluster cannot take it, ${circle}`,
  'repeated-subscript': `the same subscript typed twice in a row, ${noCircle}`,
  'repeated-sign': `the same sign typed twice, ${noCircle}`
}

/** How to fix a span: a rewrite of part of it, or what to delete. */
interface Suggestion {
  start: number
  end: number
  text: string
  advice: string
}

/** Problems that putting the cluster in the standard order fixes. */
const reorderable = new Set<InvalidSpan['problem']>(['shifter-after-vowel', 'after-final-sign', 'misplaced'])

/** Slips whose fix is certain (a character typed twice): `--fix` deletes the repeat. */
const repeats = new Set<InvalidSpan['problem']>(['repeated-coeng', 'duplicate-vowel', 'repeated-subscript', 'repeated-sign'])

/**
 * Reordering the characters of the clusters involved fixes a shifter after
 * the vowel or a mark after U+17C7; deleting a character fixes the rest
 * (two vowels in one cluster are not a Khmer spelling, whatever their order).
 */
function suggest(text: string, span: InvalidSpan): Suggestion | null {
  const involved = text.slice(span.context.start, span.context.end)
  const reordered = normalizeCluster(involved)
  if (reorderable.has(span.problem) && reordered !== involved && isValidSyllable(reordered)) {
    let head = 0
    while (head < involved.length && involved[head] === reordered[head]) head++
    let tail = 0
    while (tail < involved.length - head && involved.at(-1 - tail) === reordered.at(-1 - tail)) tail++
    const start = span.context.start + head
    const replacement = reordered.slice(head, reordered.length - tail)
    return {start, end: span.context.end - tail, text: replacement, advice: `write ${describeKhmer(reordered)}`}
  }
  const chars = [...span.text]
  switch (span.problem) {
    case 'repeated-coeng':
    case 'duplicate-vowel':
      return {start: span.start, end: span.end, text: chars[0]!, advice: 'delete one'}
    case 'repeated-subscript':
    case 'repeated-sign':
      return {start: span.start, end: span.end, text: '', advice: `delete the repeat: write ${describeKhmer(without(text, span))}`}
    case 'two-vowels':
    case 'above-before-below':
      return {start: span.start, end: span.end, text: chars.slice(0, -1).join(''), advice: 'delete one'}
    case 'coeng-without-consonant':
      return {start: span.start, end: span.end, text: chars.slice(1).join(''), advice: 'delete the coeng or type the subscript consonant after it'}
    case 'trailing-coeng':
      return {start: span.start, end: span.end, text: '', advice: 'delete it or type the subscript consonant after it'}
    case 'no-base':
      return {start: span.start, end: span.end, text: '', advice: 'delete it or type the consonant before it'}
    case 'invisible-in-cluster':
      return {start: span.start, end: span.end, text: '', advice: 'delete it'}
    default:
      return null
  }
}

/** The clusters involved in a span with the span deleted. */
function without(text: string, span: InvalidSpan): string {
  return text.slice(span.context.start, span.start) + text.slice(span.end, span.context.end)
}

export default defineRule({
  id: 'khmer-cluster',
  severity: 'error',
  summary: 'Khmer text has no broken or misspelt syllables (drawn with a dotted circle, or a character typed twice)',
  fixable: true,
  checkRelease(release, {source, report}) {
    for (const section of sectionsOf(release)) {
      for (const node of sectionTextNodes(section)) {
        if (!/[\u1780-\u17ff]/.test(node.value)) continue
        for (const span of scanClusters(node.value).invalid) {
          const suggestion = suggest(node.value, span)
          const start = suggestion?.start ?? span.start
          const end = suggestion?.end ?? span.end
          const actual = node.value.slice(start, end)
          const involved = node.value.slice(span.context.start, span.context.end)
          const where = involved !== actual && /[\u1780-\u17b3]/.test(involved) ? ` in ${involved}` : ''
          const sourceSpan = spanInSource(source, node, start, end)
          const fix = suggestion && repeats.has(span.problem) ? sourceSpan.replace(suggestion.text) : undefined
          report({
            reason: `Invalid Khmer ${describeKhmer(actual)}${where}: ${problems[span.problem]}; ${suggestion?.advice ?? 'retype the cluster'}`,
            place: sourceSpan.position,
            actual,
            ...(suggestion ? {expected: [suggestion.text]} : {}),
            ...(fix ? {fix} : {})
          })
        }
      }
    }
  }
})
