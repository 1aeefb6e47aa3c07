/**
 * ref-duplicate: no two releases share a reference number (the same
 * sequence number in the same year).
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
 * @example releases/2026/011-visit.md
 *   ---
 *   ref: No. 10 PR-26/EoJ
 *   date: 2026-02-20
 *   ---
 *   # English
 *   ## Minister visits Phnom Penh
 *   # ខ្មែរ
 *   ## រដ្ឋមន្ត្រីមកទស្សនកិច្ច
 *
 * @expect releases/2026/010-grant.md 2:6 Reference `No. 10 PR-26/EoJ` is also used by releases/2026/011-visit.md
 * @expect releases/2026/011-visit.md 2:6 Reference `No. 10 PR-26/EoJ` is also used by releases/2026/010-grant.md
 */
import {compileReference, parseReference} from '../../config/reference.js'
import {defineRule, type ProjectRelease} from '../rule.js'

export default defineRule({
  id: 'ref-duplicate',
  severity: 'error',
  summary: 'Each reference number is used by one release only',
  checkProject(releases, {config, report}) {
    const pattern = compileReference(config.reference)
    const byKey = new Map<string, ProjectRelease[]>()
    for (const release of releases) {
      const ref = release.frontmatter.ref
      if (ref === null) continue
      // Compare by number and year where the pattern parses, so that two
      // spellings of one reference still collide.
      const parsed = parseReference(pattern, ref)
      const key = parsed ? `${parsed.n}/${parsed.year % 100}` : ref
      byKey.set(key, [...(byKey.get(key) ?? []), release])
    }
    for (const group of byKey.values()) {
      if (group.length < 2) continue
      for (const release of group) {
        const others = group.filter((other) => other !== release).map((other) => other.path)
        report(release, {
          reason: `Reference \`${release.frontmatter.ref}\` is also used by ${others.join(', ')}; give one of them the next free number`,
          place: release.frontmatter.fields.ref?.position ?? null,
          actual: release.frontmatter.ref ?? undefined
        })
      }
    }
  }
})
