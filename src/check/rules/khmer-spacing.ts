/**
 * khmer-spacing: spaces and invisible characters in the Khmer section are
 * deliberate. Reported, each with a fix:
 *
 * - two or more spaces in a row (Khmer uses a single space between phrases);
 * - a space before ។ or ៕ where the release mostly writes none, or no
 *   space where it mostly writes one: the house style is whatever the
 *   majority of the release's own full stops do (none on a tie);
 * - U+FEFF and U+2060 anywhere; U+200C and U+200D where they are part of
 *   no cluster, so that they do nothing; U+200B inside a cluster, where it
 *   splits one (between words it is a welcome line-break hint and stays).
 *
 * @example releases/2026/010-ok.md
 *   ---
 *   ref: No. 10 PR-26/EoJ
 *   date: 2026-02-18
 *   ---
 *   # English
 *   ## Japan provides a grant
 *   # ខ្មែរ
 *   ## ជប៉ុនផ្តល់ជំនួយ
 *
 *   ជំនួយនេះ មានគោលបំណងបង្កើត។ គម្រោងនេះ នឹងរួមចំណែក។
 *
 * @example releases/2026/010-spacing.md
 *   ---
 *   ref: No. 10 PR-26/EoJ
 *   date: 2026-02-18
 *   ---
 *   # English
 *   ## Japan provides a grant
 *   # ខ្មែរ
 *   ## ជប៉ុនផ្តល់ជំនួយ
 *
 *   ជំនួយនេះ  មានគោលបំណងបង្កើត។ គម្រោងនេះ នឹងរួមចំណែក ។ ដល់ពលករ។
 *
 * @expect releases/2026/010-spacing.md 10:9 2 spaces in a row in Khmer text; write one
 * @expect releases/2026/010-spacing.md 10:50 Space before ។, but this release writes it without one 2 times out of 3; delete the space
 */
import {COENG, isBase, khmerCategory, scanClusters} from '../../khmer/cluster.js'
import {describeKhmer} from '../../khmer/describe.js'
import {spanInSource} from '../../khmer/span.js'
import type {TextNode} from '../../release/model.js'
import {sectionTextNodes} from '../../release/text.js'
import {defineRule, type ReleaseContext} from '../rule.js'

const sentenceEnd = /[\u17d4\u17d5]/
const zeroWidth = /[\u200b\u200c\u200d\u2060\ufeff]/
/** Characters on each side of a fix compared before and after it: far more than the longest Khmer cluster. */
const fixWindow = 64

type Style = 'space' | 'none'

export default defineRule({
  id: 'khmer-spacing',
  severity: 'warning',
  summary: 'Khmer text has single spaces, consistent spacing before ។ and no stray zero-width characters',
  fixable: true,
  checkRelease(release, context) {
    const section = release.sections.km
    if (!section) return
    const nodes = sectionTextNodes(section)
    const counts = {space: 0, none: 0}
    for (const node of nodes) {
      for (const match of node.value.matchAll(/[\u17d4\u17d5]/g)) {
        if (match.index > 0) counts[node.value[match.index - 1] === ' ' ? 'space' : 'none']++
      }
    }
    const style: Style = counts.space > counts.none ? 'space' : 'none'
    for (const node of nodes) checkNode(node, style, counts, context)
  }
})

function checkNode(node: TextNode, style: Style, counts: Record<Style, number>, {source, report}: ReleaseContext) {
  const value = node.value
  if (!/[ \u17d4\u17d5\u200b-\u200d\u2060\ufeff]/.test(value)) return
  let inSyllable: Uint8Array | null = null
  const stray = (i: number) => {
    if (!inSyllable && (value[i] === '\u200c' || value[i] === '\u200d')) inSyllable = syllableMap(value)
    return isStray(value, i, inSyllable)
  }
  const total = counts.space + counts.none
  const markRule = (mark: string) =>
    style === 'none'
      ? `Space before ${mark}, but this release writes it without one ${counts.none} times out of ${total}; delete the space`
      : `No space before ${mark}, but this release writes one ${counts.space} times out of ${total}; write a space before it`

  const fixFor = (start: number, end: number, text: string) => {
    const span = spanInSource(source, node, start, end)
    // Only offer a fix that leaves no more broken clusters than before. An
    // edit changes clusters only around it, so compare the text near it
    // (both windows share their edges, and so any cluster cut there): a
    // long paragraph with many slips is not scanned whole for each.
    const from = Math.max(0, start - fixWindow)
    const to = Math.min(value.length, end + fixWindow)
    const before = value.slice(from, to)
    const after = value.slice(from, start) + text + value.slice(end, to)
    const fix = scanClusters(after).invalid.length > scanClusters(before).invalid.length ? undefined : span.replace(text)
    return {place: span.position, ...(fix ? {fix} : {})}
  }

  let i = 0
  while (i < value.length) {
    if (value[i] !== ' ' && !stray(i)) {
      // A full stop right after a letter, where the house style wants a space.
      if (style === 'space' && i > 0 && sentenceEnd.test(value[i]!) && !/\s/.test(value[i - 1]!)) {
        report({reason: markRule(value[i]!), actual: value[i]!, expected: [` ${value[i]}`], ...fixFor(i, i + 1, ` ${value[i]}`)})
      }
      i++
      continue
    }
    const start = i
    while (i < value.length && (value[i] === ' ' || stray(i))) i++
    const gap = value.slice(start, i)
    const strays = [...gap].filter((char) => char !== ' ')
    const spaces = gap.length - strays.length
    const beforeMark = i < value.length && sentenceEnd.test(value[i]!)
    const wanted = beforeMark ? (style === 'space' ? ' ' : '') : spaces > 0 ? ' ' : ''
    if (gap === wanted) continue
    let reason: string
    if (strays.length > 0) {
      const inside = spaces === 0 && joinsCluster(value, start, i)
      const named = describeKhmer([...new Set(strays)].join(''))
      reason = inside ? `A ${named} inside a Khmer cluster splits it; delete it` : `Stray ${named} in Khmer text; delete it`
    } else if (beforeMark && style === 'none') {
      reason = markRule(value[i]!)
    } else {
      reason = `${spaces} spaces in a row in Khmer text; write one`
    }
    report({reason, actual: gap, expected: [wanted], ...fixFor(start, i, wanted)})
  }
}

/**
 * Whether the zero-width character at `i` is stray: U+FEFF and U+2060
 * always; U+200C/U+200D when no syllable uses it (`inSyllable`, made when
 * the text has one); U+200B when the text on both sides would be one
 * cluster without it.
 */
function isStray(value: string, i: number, inSyllable: Uint8Array | null): boolean {
  const char = value[i]!
  if (!zeroWidth.test(char)) return false
  if (char === '\ufeff' || char === '\u2060') return true
  if (char === '\u200c' || char === '\u200d') return inSyllable?.[i] !== 1
  return joinsCluster(value, i, i + 1)
}

/** 1 at every offset that a syllable (a cluster with a base) covers. */
function syllableMap(value: string): Uint8Array {
  const map = new Uint8Array(value.length)
  for (const cluster of scanClusters(value).clusters) if (cluster.kind === 'syllable') map.fill(1, cluster.start, cluster.end)
  return map
}

/** True when the text before `start` and after `end`, skipping zero-width characters, would form one cluster. */
function joinsCluster(value: string, start: number, end: number): boolean {
  let before = start - 1
  while (before >= 0 && zeroWidth.test(value[before]!)) before--
  let after = end
  while (after < value.length && zeroWidth.test(value[after]!)) after++
  if (before < 0 || after >= value.length) return false
  const previous = value.codePointAt(before)!
  const next = khmerCategory(value.codePointAt(after)!)
  if (!/[\u1780-\u17dd]/.test(value[before]!) || khmerCategory(previous) === 'Other') return false
  if (previous === COENG) return next === 'C' || next === 'Ra' || next === 'V'
  return !isBase(next) && next !== 'Other'
}
