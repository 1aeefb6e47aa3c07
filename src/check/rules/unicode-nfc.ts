/**
 * unicode-nfc: text is in Unicode Normalization Form C, so that a search for
 * "Vientiane" or "Hôtel" finds every spelling. Text typed as a letter plus a
 * combining accent (NFD, as some Mac tools save it) looks the same but does
 * not match.
 *
 * @example releases/2026/010-ok.md
 *   ---
 *   ref: No. 10 PR-26/EoJ
 *   date: 2026-02-18
 *   ---
 *   # English
 *   ## Reception at the Hôtel Le Royal
 *   # ខ្មែរ
 *   ## ពិធីទទួលភ្ញៀវ
 *
 * @example releases/2026/010-nfd.md
 *   ---
 *   ref: No. 10 PR-26/EoJ
 *   date: 2026-02-18
 *   ---
 *   # English
 *   ## Reception at the Hôtel Le Royal
 *   # ខ្មែរ
 *   ## ពិធីទទួលភ្ញៀវ
 *
 * @expect releases/2026/010-nfd.md 6:22 Text is not in Unicode NFC: `ô` is typed as U+006F U+0302; retype it or save the file as NFC
 */
import {sectionsOf, sectionTextNodes, sourcePoint} from '../../release/text.js'
import {defineRule} from '../rule.js'

const graphemes = new Intl.Segmenter('und', {granularity: 'grapheme'})

export default defineRule({
  id: 'unicode-nfc',
  severity: 'warning',
  summary: 'Text is in Unicode NFC',
  fixable: true,
  checkRelease(release, {source, report}) {
    for (const section of sectionsOf(release)) {
      for (const node of sectionTextNodes(section)) {
        if (node.value === node.value.normalize('NFC')) continue
        // Each character sequence that NFC changes: a base letter followed
        // by marks that compose with it.
        for (const {segment, index} of graphemes.segment(node.value)) {
          const nfc = segment.normalize('NFC')
          if (segment === nfc) continue
          const start = sourcePoint(source, node, index)
          const end = sourcePoint(source, node, index + segment.length)
          const codes = [...segment].map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(' ')
          report({
            reason: `Text is not in Unicode NFC: \`${nfc}\` is typed as ${codes}; retype it or save the file as NFC`,
            place: {start, end},
            actual: segment,
            expected: [nfc],
            fix: source.slice(start.offset, end.offset) === segment ? [{start: start.offset, end: end.offset, text: nfc}] : undefined
          })
        }
      }
    }
  }
})
