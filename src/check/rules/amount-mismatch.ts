/**
 * amount-mismatch: money amounts are the same in both languages, as
 * multisets of (currency, value). English `US$1,000,000`, `$1,000,000`,
 * `USD 1,000,000`, `US$1.5 million`, `1,000,000 US dollars`, `JPY 100 million`,
 * `¥100 million`, `KHR 4,000`, `4,000 riels`; Khmer digits or Latin digits with
 * `,` or `.` grouping before or after ដុល្លារអាមេរិក, ដុល្លារ, `$`, យ៉េន, រៀល, ៛,
 * with the scale words ពាន់, ម៉ឺន, សែន, លាន, ប៊ីលាន (`១លានដុល្លារ`).
 *
 * @example releases/2026/010-ok.md
 *   ---
 *   ref: No. 10 PR-26/EoJ
 *   date: 2026-02-18
 *   ---
 *   # English
 *   ## Japan provides US$1 million
 *   The grant of US$1,000,000 adds to USD 1.5 million given in 2025.
 *   # ខ្មែរ
 *   ## ជប៉ុនផ្តល់ ១លានដុល្លារ
 *   ជំនួយ ១,០០០,០០០ ដុល្លារអាមេរិក បន្ថែមលើ ១,៥ លានដុល្លារ។
 *
 * @example releases/2026/010-slip.md
 *   ---
 *   ref: No. 10 PR-26/EoJ
 *   date: 2026-02-18
 *   ---
 *   # English
 *   ## Japan provides a grant
 *   The Government of Japan will provide US$1,000,000.
 *   # ខ្មែរ
 *   ## ជប៉ុនផ្តល់ជំនួយ
 *   រដ្ឋាភិបាលជប៉ុននឹងផ្តល់ថវិកាចំនួន ១០០,០០០ ដុល្លារអាមេរិក។
 *
 * @expect releases/2026/010-slip.md 7:38 Amount `US$1,000,000` (USD 1,000,000) in the English does not match the Khmer `១០០,០០០ ដុល្លារអាមេរិក` (USD 100,000) at 10:35; write US$100,000 or correct the Khmer
 * @expect releases/2026/010-slip.md 10:35 Amount `១០០,០០០ ដុល្លារអាមេរិក` (USD 100,000) in the Khmer does not match the English `US$1,000,000` (USD 1,000,000) at 7:38; write ១,០០០,០០០ ដុល្លារអាមេរិក or correct the English
 */
import {defineFactRule} from '../fact-parity.js'

export default defineFactRule({
  id: 'amount-mismatch',
  kind: 'amount',
  severity: 'error',
  summary: 'Money amounts are the same in both languages'
})
