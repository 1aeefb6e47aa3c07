/**
 * number-mismatch: figures other than amounts and dates (counts, percentages,
 * years, phone numbers) appear in both languages. Digits in web addresses,
 * e-mail addresses and reference numbers are not figures.
 *
 * @example releases/2026/010-ok.md
 *   ---
 *   ref: No. 10 PR-26/EoJ
 *   date: 2026-02-18
 *   ---
 *   # English
 *   ## Japan provides a grant
 *   The project trains 1,200 workers in 3 provinces, 40% of them women.
 *   # ខ្មែរ
 *   ## ជប៉ុនផ្តល់ជំនួយ
 *   គម្រោងនេះបណ្តុះបណ្តាលពលករ ១,២០០ នាក់ នៅ ៣ ខេត្ត ដែល ៤០% ជាស្ត្រី។
 *
 * @example releases/2026/010-slip.md
 *   ---
 *   ref: No. 10 PR-26/EoJ
 *   date: 2026-02-18
 *   ---
 *   # English
 *   ## Japan provides a grant
 *   The project trains 1,200 workers in 3 provinces.
 *   # ខ្មែរ
 *   ## ជប៉ុនផ្តល់ជំនួយ
 *   គម្រោងនេះបណ្តុះបណ្តាលពលករ ១,០២០ នាក់ នៅ ៣ ខេត្ត។
 *
 * @expect releases/2026/010-slip.md 7:20 Number `1,200` in the English does not match the Khmer `១,០២០` at 10:27; write 1,020 or correct the Khmer
 * @expect releases/2026/010-slip.md 10:27 Number `១,០២០` in the Khmer does not match the English `1,200` at 7:20; write ១,២០០ or correct the English
 */
import {defineFactRule} from '../fact-parity.js'

export default defineFactRule({
  id: 'number-mismatch',
  kind: 'number',
  severity: 'warning',
  summary: 'Other figures (counts, percentages, years) appear in both languages'
})
