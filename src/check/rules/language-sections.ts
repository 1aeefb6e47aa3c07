/**
 * language-sections: a release has one `# English` and one `# ខ្មែរ` (or
 * `# Khmer`) section, in either order, each with its `##` headline (an
 * empty section is `untranslated`'s). The reader also reports unknown or
 * repeated level-1 headings, text outside the sections and a headline
 * below the text under this id. In a draft that has one of the two
 * sections, these are warnings: its translation may still be to come.
 *
 * @example releases/2026/010-ok.md
 *   ---
 *   ref: No. 10 PR-26/EoJ
 *   date: 2026-02-18
 *   ---
 *   # Khmer
 *   ## ជប៉ុនផ្តល់ជំនួយ
 *   # English
 *   ## Japan provides a grant
 *
 * @example releases/2026/010-no-khmer.md
 *   ---
 *   ref: No. 10 PR-26/EoJ
 *   date: 2026-02-18
 *   ---
 *   # English
 *   ## Japan provides a grant
 *
 * @expect releases/2026/010-no-khmer.md 6:26 No Khmer section
 *
 * @example releases/2026/010-empty.md
 *   ---
 *   ref: No. 10 PR-26/EoJ
 *   date: 2026-02-18
 *   ---
 *
 * @expect releases/2026/010-empty.md 4:4 No English section
 * @expect releases/2026/010-empty.md 4:4 No Khmer section
 *
 * @example releases/2026/010-no-headline.md
 *   ---
 *   ref: No. 10 PR-26/EoJ
 *   date: 2026-02-18
 *   ---
 *   # English
 *   ## Japan provides a grant
 *   The Government of Japan will provide a grant.
 *   # ខ្មែរ
 *   រដ្ឋាភិបាលជប៉ុននឹងផ្តល់ជំនួយ។
 *
 * @expect releases/2026/010-no-headline.md 8:1 The Khmer section has no headline; add a `##` line right after `# ខ្មែរ`
 */
import type {Lang, Point} from '../../release/model.js'
import {defineRule} from '../rule.js'

const headings: Record<Lang, string> = {en: '# English', km: '# ខ្មែរ'}
const names: Record<Lang, string> = {en: 'English', km: 'Khmer'}

export default defineRule({
  id: 'language-sections',
  // A draft may wait for its translation, but not for both languages: it would have nothing to print.
  lenientInDrafts: (release) => release.order.length > 0,
  severity: 'error',
  summary: 'One `# English` and one `# ខ្មែរ` section, each with its headline, nothing outside them',
  checkRelease(release, {report}) {
    const present = release.order.map((lang) => release.sections[lang]!)
    // Point where the missing section would go: after the other section, or
    // after the frontmatter when the file has no section at all.
    const after: Point = present.at(-1)?.position.end ?? release.frontmatter.position?.end ?? {line: 1, column: 1, offset: 0}
    for (const lang of ['en', 'km'] as const) {
      if (release.sections[lang]) continue
      report({
        reason: `No ${names[lang]} section; add a \`${headings[lang]}\` heading followed by the ${names[lang]} text`,
        place: after,
        expected: [headings[lang]]
      })
    }
    for (const section of present) {
      if (section.headline || section.blocks.length === 0) continue
      report({
        reason: `The ${names[section.lang]} section has no headline; add a \`##\` line right after \`# ${section.label}\``,
        place: section.headingPosition
      })
    }
  }
})
