/**
 * ref-sequence: within a year, reference numbers run without gaps and in the
 * order of the release dates. Numbers below the lowest one in the folder are
 * not reported, so an archive may start in the middle of a year.
 *
 * @example releases/2026/010-grant.md
 *   ---
 *   ref: No. 10 PR-26/EoJ
 *   date: 2026-02-18
 *   ---
 *   # English
 *   ## Japan provides a grant
 *   # ខ្មែរ
 *   ## ជប៉ុនផ្តល់ជំនួយ
 *
 * @example releases/2026/012-visit.md
 *   ---
 *   ref: No. 12 PR-26/EoJ
 *   date: 2026-02-10
 *   ---
 *   # English
 *   ## Minister visits Phnom Penh
 *   # ខ្មែរ
 *   ## រដ្ឋមន្ត្រីមកទស្សនកិច្ច
 *
 * @expect releases/2026/012-visit.md 2:6 No. 11 of 2026 is missing between releases/2026/010-grant.md and this release
 * @expect releases/2026/012-visit.md 3:7 Dated 2026-02-10, before No. 10 of 2026 (2026-02-18)
 */
import {compileReference, formatReference, parseReference} from '../../config/reference.js'
import {defineRule, type ProjectRelease} from '../rule.js'

interface Numbered {
  release: ProjectRelease
  n: number
  date: string
}

export default defineRule({
  id: 'ref-sequence',
  severity: 'warning',
  summary: 'Reference numbers of a year have no gaps and follow the dates',
  checkProject(releases, {config, report}) {
    const pattern = compileReference(config.reference)
    const byYear = new Map<number, Numbered[]>()
    for (const release of releases) {
      const {ref, date} = release.frontmatter
      if (ref === null || date === null) continue
      const parsed = parseReference(pattern, ref)
      if (!parsed) continue
      const year = Number(date.slice(0, 4))
      byYear.set(year, [...(byYear.get(year) ?? []), {release, n: parsed.n, date}])
    }
    for (const [year, list] of byYear) {
      list.sort((a, b) => a.n - b.n || a.release.path.localeCompare(b.release.path))
      for (let i = 1; i < list.length; i++) {
        const previous = list[i - 1]!
        const current = list[i]!
        const fields = current.release.frontmatter.fields
        if (current.n > previous.n + 1) {
          const missing = Array.from({length: current.n - previous.n - 1}, (_, k) => previous.n + 1 + k)
          const shown = missing.length > 3 ? `${missing[0]}–${missing.at(-1)}` : missing.join(', ')
          report(current.release, {
            reason: `No. ${shown} of ${year} ${missing.length === 1 ? 'is' : 'are'} missing between ${previous.release.path} and this release; renumber or add the missing release`,
            place: fields.ref?.position ?? null,
            actual: current.release.frontmatter.ref ?? undefined,
            expected: [formatReference(pattern, previous.n + 1, year)]
          })
        }
        if (current.date < previous.date) {
          report(current.release, {
            reason: `Dated ${current.date}, before No. ${previous.n} of ${year} (${previous.date}); numbers follow the dates, so check the date or the number`,
            place: fields.date?.position ?? null,
            actual: current.date
          })
        }
      }
    }
  }
})
