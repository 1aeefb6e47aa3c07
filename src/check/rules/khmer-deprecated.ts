/**
 * khmer-deprecated: no deprecated or discouraged Khmer characters
 * [Unicode NamesList]. U+17A3 is written U+17A2; U+17A4 is written U+17A2
 * U+17B6; the invisible U+17B4 and U+17B5 are deleted; U+17D8 (et cetera)
 * is written U+17D4 U+179B U+17D4. U+17D3 (bathamasat) is reported with
 * no fix: the lunar date symbols U+19E0–U+19FF replace it, and which one
 * depends on the date meant. A fix that would leave a cluster drawn with a
 * dotted circle (U+17A4 before another vowel) is not offered.
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
 *   អង្គការពលកម្មអន្តរជាតិ ។ល។
 *
 * @example releases/2026/010-deprecated.md
 *   ---
 *   ref: No. 10 PR-26/EoJ
 *   date: 2026-02-18
 *   ---
 *   # English
 *   ## Japan provides a grant
 *   # ខ្មែរ
 *   ## ជប៉ុនផ្តល់ជំនួយ
 *
 *   ឣង្គការពលកម្មអន្តរជាតិ ៘
 *
 * @expect releases/2026/010-deprecated.md 10:1 Deprecated Khmer ឣ (U+17A3); write អ (U+17A2)
 * @expect releases/2026/010-deprecated.md 10:24 Deprecated Khmer ៘ (U+17D8); write ។ល។ (U+17D4 U+179B U+17D4)
 */
import {scanClusters} from '../../khmer/cluster.js'
import {describeKhmer} from '../../khmer/describe.js'
import {spanInSource} from '../../khmer/span.js'
import {sectionsOf, sectionTextNodes} from '../../release/text.js'
import {defineRule} from '../rule.js'

interface Replacement {
  /** The text to write instead; null when there is no single right one. */
  text: string | null
  advice: string
}

const replacements = new Map<string, Replacement>([
  ['\u17a3', {text: '\u17a2', advice: `write ${describeKhmer('\u17a2')}`}],
  ['\u17a4', {text: '\u17a2\u17b6', advice: `write ${describeKhmer('\u17a2\u17b6')}`}],
  ['\u17b4', {text: '', advice: 'delete it (it is invisible)'}],
  ['\u17b5', {text: '', advice: 'delete it (it is invisible)'}],
  ['\u17d3', {text: null, advice: 'write the lunar date with the symbols ᧠–᧿ (U+19E0–U+19FF; ᧠ U+19E0 is pathamasat)'}],
  ['\u17d8', {text: '\u17d4\u179b\u17d4', advice: `write ${describeKhmer('\u17d4\u179b\u17d4')}`}]
])

export default defineRule({
  id: 'khmer-deprecated',
  severity: 'warning',
  summary: 'No deprecated Khmer characters',
  fixable: true,
  checkRelease(release, {source, report}) {
    for (const section of sectionsOf(release)) {
      for (const node of sectionTextNodes(section)) {
        const value = node.value
        for (const match of value.matchAll(/[\u17a3\u17a4\u17b4\u17b5\u17d3\u17d8]/g)) {
          const index = match.index
          const replacement = replacements.get(match[0])!
          const span = spanInSource(source, node, index, index + 1)
          let fix = replacement.text === null ? undefined : span.replace(replacement.text)
          if (fix && replacement.text !== null) {
            // Only offer a fix that leaves no more broken clusters than before.
            const fixed = value.slice(0, index) + replacement.text + value.slice(index + 1)
            if (scanClusters(fixed).invalid.length > scanClusters(value).invalid.length) fix = undefined
          }
          report({
            reason: `Deprecated Khmer ${describeKhmer(match[0])}; ${replacement.advice}`,
            place: span.position,
            actual: match[0],
            ...(replacement.text === null
              ? {note: 'Lunar dates: U+19E1–U+19EF are days 1–15 of the waxing moon (កើត), U+19F1–U+19FF of the waning moon (រោច)'}
              : {expected: [replacement.text]}),
            ...(fix ? {fix} : {})
          })
        }
      }
    }
  }
})
