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

export default defineRule({
  id: 'unicode-nfc',
  severity: 'warning',
  summary: 'Text is in Unicode NFC',
  checkRelease(release, {source, report}) {
    for (const section of sectionsOf(release)) {
      for (const node of sectionTextNodes(section)) {
        if (node.value === node.value.normalize('NFC')) continue
        // Find the first character sequence that NFC changes: a base letter
        // followed by marks that compose with it.
        const segments = [...new Intl.Segmenter('und', {granularity: 'grapheme'}).segment(node.value)]
        const first = segments.find((s) => s.segment !== s.segment.normalize('NFC'))
        if (!first) continue
        const codes = [...first.segment].map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(' ')
        report({
          reason: `Text is not in Unicode NFC: \`${first.segment.normalize('NFC')}\` is typed as ${codes}; retype it or save the file as NFC`,
          place: sourcePoint(source, node, first.index),
          actual: first.segment,
          expected: [first.segment.normalize('NFC')]
        })
        break
      }
    }
  }
})
