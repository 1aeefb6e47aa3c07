/**
 * structure-parity: the two languages have the same structure: subheads,
 * paragraphs, list items and quotes that pair up (by their share of the
 * section's text, as the preview shows them) are of the same kind. Says
 * where they diverge: paragraphs that are a list in the other language. A
 * unit with no counterpart at all is `missing-translation`'s.
 *
 * @example releases/2026/010-ok.md
 *   ---
 *   ref: No. 10 PR-26/EoJ
 *   date: 2026-02-18
 *   ---
 *   # English
 *   ## Japan provides a grant
 *   The Government of Japan will provide a grant.
 *
 *   - Recipient: the ILO
 *   # ខ្មែរ
 *   ## ជប៉ុនផ្តល់ជំនួយ
 *   រដ្ឋាភិបាលជប៉ុននឹងផ្តល់ជំនួយ។
 *
 *   - ស្ថាប័នទទួលជំនួយ៖ ILO
 *
 * @example releases/2026/010-slip.md
 *   ---
 *   ref: No. 10 PR-26/EoJ
 *   date: 2026-02-18
 *   ---
 *   # English
 *   ## Japan provides a grant
 *   The Government of Japan will provide a grant to the International Labour Organization for training.
 *
 *   Recipient: the ILO
 *
 *   The grant builds training centres in three provinces for workers returning from abroad.
 *   # ខ្មែរ
 *   ## ជប៉ុនផ្តល់ជំនួយ
 *   រដ្ឋាភិបាលជប៉ុននឹងផ្តល់ជំនួយដល់អង្គការពលកម្មអន្តរជាតិសម្រាប់ការបណ្តុះបណ្តាល។
 *
 *   - ស្ថាប័នទទួលជំនួយ៖ ILO
 *
 * @expect releases/2026/010-slip.md 9:1 English paragraph (line 9) is a list item in the Khmer (line 16); use the same structure in both languages
 */
import {pairUnits, sectionUnits, type Unit, type UnitPair} from '../../release/pairing.js'
import {defineRule} from '../rule.js'

const kindNames: Record<Unit['kind'], [string, string]> = {
  paragraph: ['paragraph', 'paragraphs'],
  subhead: ['subhead', 'subheads'],
  item: ['list item', 'list items'],
  quote: ['quoted paragraph', 'quoted paragraphs']
}

export default defineRule({
  id: 'structure-parity',
  severity: 'warning',
  summary: 'Subheads, paragraphs and list items pair up between the languages',
  checkRelease(release, {report}) {
    const en = release.sections.en
    const km = release.sections.km
    if (!en || !km) return
    const pairs = pairUnits(sectionUnits(en), sectionUnits(km))
    // Consecutive pairs whose kinds differ in the same way make one message.
    let run: UnitPair[] = []
    const flush = () => {
      if (run.length === 0) return
      const first = run[0]!
      const [enUnits, kmUnits] = [run.map((p) => p.en!), run.map((p) => p.km!)]
      const plural = run.length > 1 ? 1 : 0
      report({
        reason: `English ${kindNames[first.en!.kind][plural]} (${lines(enUnits)}) ${plural ? 'are' : 'is'} ${plural ? '' : 'a '}${kindNames[first.km!.kind][plural]} in the Khmer (${lines(kmUnits)}); use the same structure in both languages`,
        place: first.en!.position.start,
        actual: kindNames[first.km!.kind][0],
        expected: [kindNames[first.en!.kind][0]]
      })
      run = []
    }
    for (const pair of pairs) {
      if (pair.en && pair.km && pair.en.kind !== pair.km.kind) {
        const last = run.at(-1)
        if (last && (last.en!.kind !== pair.en.kind || last.km!.kind !== pair.km.kind)) flush()
        run.push(pair)
        continue
      }
      flush()
    }
    flush()
  }
})

function lines(units: readonly Unit[]): string {
  const first = units[0]!.position.start.line
  const last = units.at(-1)!.position.start.line
  return first === last ? `line ${first}` : `lines ${first}–${last}`
}
