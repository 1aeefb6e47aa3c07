/**
 * embargo-date: an embargo that looks like a typo. It ends before the day
 * of the release, or more than 30 days after it (a year or a month off): the
 * release would go out at once, or stay hidden for weeks. The message gives
 * the time in the office's time zone (`timeZone` of pressroom.yaml).
 *
 * @example releases/2026/010-ok.md
 *   ---
 *   ref: No. 10 PR-26/EoJ
 *   date: 2026-02-18
 *   embargo: 2026-02-18T10:00:00+07:00
 *   ---
 *   # English
 *   ## Japan provides a grant
 *   # ខ្មែរ
 *   ## ជប៉ុនផ្តល់ជំនួយ
 *
 * @example releases/2026/010-before.md
 *   ---
 *   ref: No. 10 PR-26/EoJ
 *   date: 2026-02-18
 *   embargo: 2026-02-17T10:00:00+07:00
 *   ---
 *   # English
 *   ## Japan provides a grant
 *   # ខ្មែរ
 *   ## ជប៉ុនផ្តល់ជំនួយ
 *
 * @expect releases/2026/010-before.md 4:10 The embargo ends 2026-02-17 10:00 (UTC+07:00, Asia/Phnom_Penh), before the release's date (2026-02-18); check the day
 *
 * @example releases/2026/010-year-off.md
 *   ---
 *   ref: No. 10 PR-26/EoJ
 *   date: 2026-02-18
 *   embargo: 2027-02-18T10:00:00+07:00
 *   ---
 *   # English
 *   ## Japan provides a grant
 *   # ខ្មែរ
 *   ## ជប៉ុនផ្តល់ជំនួយ
 *
 * @expect releases/2026/010-year-off.md 4:10 The embargo ends 2027-02-18 10:00 (UTC+07:00, Asia/Phnom_Penh), 365 days after the release's date (2026-02-18); check the year and the month
 */
import {formatZoned, zoneOffset} from '../../config/time.js'
import {defineRule} from '../rule.js'

/** Embargoes longer than this after the release's date are taken for a slip. */
const longestDays = 30

export default defineRule({
  id: 'embargo-date',
  severity: 'warning',
  summary: 'An embargo ends on the release date or within 30 days after it',
  checkRelease(release, {config, report}) {
    const {embargo, date, fields} = release.frontmatter
    if (embargo === null || date === null || !fields.embargo) return
    const end = new Date(embargo)
    // The day the embargo ends, in the office's time zone, against the release's date.
    const day = new Date(end.getTime() + zoneOffset(end, config.timeZone) * 60_000).toISOString().slice(0, 10)
    const days = Math.round((Date.parse(day) - Date.parse(date)) / 86_400_000)
    const when = formatZoned(end, config.timeZone)
    if (days < 0) {
      report({reason: `The embargo ends ${when}, before the release's date (${date}); check the day`, place: fields.embargo.position, actual: embargo})
    } else if (days > longestDays) {
      report({reason: `The embargo ends ${when}, ${days} days after the release's date (${date}); check the year and the month`, place: fields.embargo.position, actual: embargo})
    }
  }
})
