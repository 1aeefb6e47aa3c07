/**
 * ref-format: the frontmatter `ref` follows the `reference` pattern of
 * `pressroom.yaml` (here `No. {n} PR-{yy}/EoJ`) exactly, spaces included.
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
 * @example releases/2026/010-no-space.md
 *   ---
 *   ref: No.10 PR-26/EoJ
 *   date: 2026-02-18
 *   ---
 *   # English
 *   ## Japan provides a grant
 *   # ខ្មែរ
 *   ## ជប៉ុនផ្តល់ជំនួយ
 *
 * @expect releases/2026/010-no-space.md 2:6 Reference `No.10 PR-26/EoJ` does not follow `No. {n} PR-{yy}/EoJ`; write `No. 10 PR-26/EoJ`
 */
import {compileReference, formatReference} from '../../config/reference.js'
import {defineRule} from '../rule.js'

export default defineRule({
  id: 'ref-format',
  severity: 'error',
  summary: 'The reference follows the configured pattern',
  checkRelease(release, {config, report}) {
    const field = release.frontmatter.fields.ref
    const ref = release.frontmatter.ref
    if (!field || ref === null) return
    const pattern = compileReference(config.reference)
    if (pattern.regex.test(ref)) return
    // Suggest the reference the writer most likely meant: the first number
    // in what they wrote, with the year of the release date.
    const n = /\d+/.exec(ref)?.[0]
    const date = release.frontmatter.date
    const suggestion = n && Number(n) > 0 && date ? formatReference(pattern, Number(n), Number(date.slice(0, 4))) : null
    report({
      reason: `Reference \`${ref}\` does not follow \`${config.reference}\`${suggestion ? `; write \`${suggestion}\`` : ''}`,
      place: field.position,
      actual: ref,
      expected: suggestion ? [suggestion] : [config.reference]
    })
  }
})
