/**
 * ref-year: the year in the reference (`PR-26`) is the year of the release
 * date.
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
 * @example releases/2026/010-last-year.md
 *   ---
 *   ref: No. 10 PR-25/EoJ
 *   date: 2026-02-18
 *   ---
 *   # English
 *   ## Japan provides a grant
 *   # ខ្មែរ
 *   ## ជប៉ុនផ្តល់ជំនួយ
 *
 * @expect releases/2026/010-last-year.md 2:6 Reference year `25` is not the year of the date (2026); write `No. 10 PR-26/EoJ`
 */
import {compileReference, formatReference, parseReference} from '../../config/reference.js'
import {defineRule} from '../rule.js'

export default defineRule({
  id: 'ref-year',
  severity: 'error',
  summary: "The reference's year is the release date's year",
  checkRelease(release, {config, report}) {
    const {ref, date, fields} = release.frontmatter
    if (ref === null || date === null || !fields.ref) return
    const pattern = compileReference(config.reference)
    const parsed = parseReference(pattern, ref)
    if (!parsed) return
    const year = Number(date.slice(0, 4))
    const expected = parsed.yearDigits === 4 ? year : year % 100
    if (parsed.year === expected) return
    const written = parsed.yearDigits === 4 ? String(parsed.year) : String(parsed.year).padStart(2, '0')
    const suggestion = formatReference(pattern, parsed.n, year)
    report({
      reason: `Reference year \`${written}\` is not the year of the date (${year}); write \`${suggestion}\``,
      place: fields.ref.position,
      actual: ref,
      expected: [suggestion]
    })
  }
})
