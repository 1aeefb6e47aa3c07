/**
 * file-name: a release lives at `releases/YYYY/NNN-slug.md`, where YYYY is the
 * year of its date, NNN its sequence number zero-padded to three digits (a
 * thousandth release of a year is `1000-slug.md`) and the slug lower-case
 * letters, digits and hyphens.
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
 * @example releases/2026/1000-grant.md
 *   ---
 *   ref: No. 1000 PR-26/EoJ
 *   date: 2026-12-30
 *   ---
 *   # English
 *   ## Japan provides a grant
 *   # ខ្មែរ
 *   ## ជប៉ុនផ្តល់ជំនួយ
 *
 * @example releases/2025/011-grant.md
 *   ---
 *   ref: No. 10 PR-26/EoJ
 *   date: 2026-02-18
 *   ---
 *   # English
 *   ## Japan provides a grant
 *   # ខ្មែរ
 *   ## ជប៉ុនផ្តល់ជំនួយ
 *
 * @expect releases/2025/011-grant.md 3:7 The file is in folder 2025 but dated 2026; move it to releases/2026/
 * @expect releases/2025/011-grant.md 2:6 The file name says 011 but the reference says No. 10; rename it to 010-grant.md
 *
 * @example releases/2026/Grant.md
 *   ---
 *   ref: No. 10 PR-26/EoJ
 *   date: 2026-02-18
 *   ---
 *   # English
 *   ## Japan provides a grant
 *   # ខ្មែរ
 *   ## ជប៉ុនផ្តល់ជំនួយ
 *
 * @expect releases/2026/Grant.md 1:1 File name `releases/2026/Grant.md` is not `releases/YYYY/NNN-slug.md`; rename it to releases/2026/010-grant.md
 */
import {compileReference, parseReference} from '../../config/reference.js'
import {defineRule} from '../rule.js'

export const releasePathPattern = /^releases\/(\d{4})\/(\d{3}|[1-9]\d{3,})-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$/

export default defineRule({
  id: 'file-name',
  severity: 'error',
  summary: 'The file is releases/YYYY/NNN-slug.md, matching its date and reference',
  checkRelease(release, {config, report}) {
    const {ref, date, fields} = release.frontmatter
    const parsed = ref === null ? null : parseReference(compileReference(config.reference), ref)
    const year = date?.slice(0, 4)
    const match = releasePathPattern.exec(release.path)
    if (!match) {
      const base = release.path.split('/').at(-1)!.replace(/\.md$/i, '')
      const slug = base.toLowerCase().replace(/^\d+-?/, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'release'
      const suggestion = year && parsed ? `releases/${year}/${String(parsed.n).padStart(3, '0')}-${slug}.md` : null
      report({
        reason: `File name \`${release.path}\` is not \`releases/YYYY/NNN-slug.md\`${suggestion ? `; rename it to ${suggestion}` : ''}`,
        place: {line: 1, column: 1, offset: 0},
        actual: release.path,
        expected: suggestion ? [suggestion] : undefined
      })
      return
    }
    const [, folderYear, number, slug] = match
    if (year && folderYear !== year) {
      report({
        reason: `The file is in folder ${folderYear} but dated ${year}; move it to releases/${year}/`,
        place: fields.date?.position ?? null,
        actual: folderYear,
        expected: [year]
      })
    }
    if (parsed && Number(number) !== parsed.n) {
      const name = `${String(parsed.n).padStart(3, '0')}-${slug}.md`
      report({
        reason: `The file name says ${number} but the reference says No. ${parsed.n}; rename it to ${name}`,
        place: fields.ref?.position ?? null,
        actual: number,
        expected: [String(parsed.n).padStart(3, '0')]
      })
    }
  }
})
