/**
 * frontmatter: the `---` block at the top of a release holds `ref` and `date`
 * (required), `embargo` and `draft` (optional), with valid values. When the
 * block is not valid YAML, the reader reports each slip once, in words (an
 * indented key, a missing colon, an unclosed quote, a key written twice…),
 * rather than every error the YAML parser meets after it.
 *
 * @example releases/2026/010-ok.md
 *   ---
 *   ref: No. 10 PR-26/EoJ
 *   date: 2026-02-18
 *   embargo: 2026-02-18T10:00:00+07:00
 *   draft: false
 *   ---
 *   # English
 *   ## Japan provides a grant
 *   # ខ្មែរ
 *   ## ជប៉ុនផ្តល់ជំនួយ
 *
 * @example releases/2026/010-bad.md
 *   ---
 *   ref: No. 10 PR-26/EoJ
 *   date: 2026-02-30
 *   embargo: tomorrow
 *   draft: no
 *   refs: x
 *   ---
 *   # English
 *   ## Japan provides a grant
 *   # ខ្មែរ
 *   ## ជប៉ុនផ្តល់ជំនួយ
 *
 * @expect releases/2026/010-bad.md 3:7 `date` is `2026-02-30`, which is not a date
 * @expect releases/2026/010-bad.md 4:10 `embargo` is `tomorrow`; write an ISO 8601 time with its offset, e.g. `2026-02-18T10:00:00+07:00`; until then the release is not published
 * @expect releases/2026/010-bad.md 5:8 `draft` is `no`; write `true` or `false`; until then the release is not published
 * @expect releases/2026/010-bad.md 6:1 Unknown frontmatter key `refs`; did you mean `ref`?
 *
 * @example releases/2026/010-indented.md
 *   ---
 *   ref: No. 10 PR-26/EoJ
 *     date: 2026-02-18
 *   ---
 *   # English
 *   ## Japan provides a grant
 *   # ខ្មែរ
 *   ## ជប៉ុនផ្តល់ជំនួយ
 *
 * @expect releases/2026/010-indented.md 3:3 `date` starts with spaces; start it at the beginning of the line, as the other keys
 *
 * @example releases/2026/010-lookalike.md
 *   ---
 *   ref: No. 10 PR-26/EoJ
 *   date: 2026-02-18
 *   Embargo: 2026-02-18T10:00:00+07:00
 *   ---
 *   # English
 *   ## Japan provides a grant
 *   # ខ្មែរ
 *   ## ជប៉ុនផ្តល់ជំនួយ
 *
 * @expect releases/2026/010-lookalike.md 4:1 Unknown frontmatter key `Embargo`; did you mean `embargo`? Until then the release is not published
 *
 * @example releases/2026/010-none.md
 *   # English
 *   ## Japan provides a grant
 *   # ខ្មែរ
 *   ## ជប៉ុនផ្តល់ជំនួយ
 *
 * @expect releases/2026/010-none.md 1:1 No frontmatter
 */
import {closest} from '../../config/yaml-schema.js'
import {isCalendarDate, isOffsetDateTime} from '../../release/dates.js'
import {defineRule} from '../rule.js'

const keys = ['ref', 'date', 'embargo', 'draft'] as const
const required = ['ref', 'date'] as const

export default defineRule({
  id: 'frontmatter',
  severity: 'error',
  summary: 'The frontmatter has `ref` and `date`, optional `embargo` and `draft`, all valid',
  checkRelease(release, {report, config}) {
    const {frontmatter} = release
    if (!frontmatter.position) {
      report({
        reason: 'No frontmatter; start the file with `---`, `ref: …`, `date: YYYY-MM-DD`, `---`',
        place: {line: 1, column: 1, offset: 0},
        expected: ['---']
      })
      return
    }
    if (!frontmatter.readable) return
    const {fields} = frontmatter
    for (const [key, field] of Object.entries(fields)) {
      if ((keys as readonly string[]).includes(key)) continue
      const suggestion = closest(key, keys)
      const held = frontmatter.unreadable.includes(key) ? ' Until then the release is not published' : ''
      report({
        reason: `Unknown frontmatter key \`${key}\`; ${suggestion ? `did you mean \`${suggestion}\`?` : `use ${keys.map((k) => `\`${k}\``).join(', ')}`}${held}`,
        place: field.keyPosition,
        actual: key,
        expected: suggestion ? [suggestion] : [...keys]
      })
    }
    for (const key of required) {
      if (key in fields) continue
      report({
        reason: `Frontmatter has no \`${key}\`; add \`${key === 'ref' ? `ref: ${config.reference}` : 'date: YYYY-MM-DD'}\``,
        place: frontmatter.position.start
      })
    }
    const {ref, date, embargo, draft} = fields
    if (ref && (typeof ref.value !== 'string' || ref.value.trim() === '')) {
      report({reason: `\`ref\` must be text like \`${config.reference}\``, place: ref.position, actual: String(ref.value)})
    }
    if (date) {
      const value = String(date.value)
      if (typeof date.value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) {
        report({reason: `\`date\` is \`${value}\`; write it as YYYY-MM-DD, e.g. \`2026-02-18\``, place: date.position, actual: value})
      } else if (!isCalendarDate(value)) {
        report({reason: `\`date\` is \`${value}\`, which is not a date; check the day and month`, place: date.position, actual: value})
      }
    }
    if (embargo && !(typeof embargo.value === 'string' && isOffsetDateTime(embargo.value))) {
      report({
        reason: `\`embargo\` is \`${String(embargo.value)}\`; write an ISO 8601 time with its offset, e.g. \`2026-02-18T10:00:00+07:00\`; until then the release is not published`,
        place: embargo.position,
        actual: String(embargo.value)
      })
    }
    if (draft && typeof draft.value !== 'boolean') {
      report({
        reason: `\`draft\` is \`${String(draft.value)}\`; write \`true\` or \`false\`; until then the release is not published`,
        place: draft.position,
        actual: String(draft.value)
      })
    }
  }
})
