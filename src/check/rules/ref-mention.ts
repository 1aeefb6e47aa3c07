/**
 * ref-mention: a reference number written in the text is the release's own
 * reference, exactly as in the frontmatter. Catches `No.10 PR-26/EoJ` for
 * `No. 10 PR-26/EoJ`, and a number copied from an older release.
 *
 * @example releases/2026/010-ok.md
 *   ---
 *   ref: No. 10 PR-26/EoJ
 *   date: 2026-02-18
 *   ---
 *   # English
 *   ## Japan provides a grant
 *   Quote No. 10 PR-26/EoJ when you reply.
 *   # ខ្មែរ
 *   ## ជប៉ុនផ្តល់ជំនួយ
 *   សូមយោង No. 10 PR-26/EoJ ។
 *
 * @example releases/2026/010-slip.md
 *   ---
 *   ref: No. 10 PR-26/EoJ
 *   date: 2026-02-18
 *   ---
 *   # English
 *   ## Japan provides a grant
 *   Quote No. 9 PR-26/EoJ when you reply.
 *   # ខ្មែរ
 *   ## ជប៉ុនផ្តល់ជំនួយ
 *   សូមយោង No.10 PR-26/EoJ ។
 *
 * @expect releases/2026/010-slip.md 7:7 Reference `No. 9 PR-26/EoJ` is not this release's `No. 10 PR-26/EoJ`; write `No. 10 PR-26/EoJ`
 * @expect releases/2026/010-slip.md 10:8 Reference `No.10 PR-26/EoJ` is not this release's `No. 10 PR-26/EoJ`; write `No. 10 PR-26/EoJ`
 */
import {compileReference, looseReferenceRegex} from '../../config/reference.js'
import {sectionsOf, sectionTextNodes, sourcePoint} from '../../release/text.js'
import {defineRule} from '../rule.js'

export default defineRule({
  id: 'ref-mention',
  severity: 'error',
  summary: 'A reference number in the text is exactly the frontmatter `ref`',
  checkRelease(release, {config, source, report}) {
    const ref = release.frontmatter.ref
    if (ref === null) return
    const loose = looseReferenceRegex(compileReference(config.reference))
    for (const section of sectionsOf(release)) {
      for (const node of sectionTextNodes(section)) {
        for (const match of node.value.matchAll(loose)) {
          if (match[0] === ref) continue
          report({
            reason: `Reference \`${match[0]}\` is not this release's \`${ref}\`; write \`${ref}\``,
            place: {start: sourcePoint(source, node, match.index), end: sourcePoint(source, node, match.index + match[0].length)},
            actual: match[0],
            expected: [ref]
          })
        }
      }
    }
  }
})
