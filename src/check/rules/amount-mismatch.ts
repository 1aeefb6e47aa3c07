/**
 * amount-mismatch: money amounts are the same in both languages, as
 * multisets of (currency, value). Read as a reader sees them, across
 * **strong**, *emphasis* and links: English `US$1,000,000`, `$1,000,000`,
 * `USD 1,000,000`, `US$1.5 million`, `US$2.5bn`, `US$47 trillion`,
 * `1,000,000 US dollars`, `five million dollars`, `JPY 100 million`,
 * `¥100 million`, `KHR 4,000`, `៛340,000,000`, `4,000 riels`, `THB 500`;
 * Khmer digits or Latin digits grouped with `,`, `.` or a space
 * (`៨៥ ០០០`) before or after ដុល្លារអាមេរិក, ដុល្លារ, `$`, យ៉េន, រៀល, ៛,
 * អឺរ៉ូ, បាត, with the scale words រយ, ពាន់, ម៉ឺន, សែន, លាន, ប៊ីលាន and
 * their products (`ពាន់លាន`, `ពាន់ប៊ីលាន`), parts from the largest down
 * (`១ លាន ៥ សែន`), and ranges (`US$10-20 million`).
 *
 * When the two languages disagree, each message names both values and both
 * places. When the rest of the release writes one of the two values and
 * never the other, only the other is reported, with the value to write.
 * Also reported: an amount whose twin lost its currency (`៥ លាន` for
 * `US$5 million`), and scale words out of order (`៥ សែន ២ លាន`).
 *
 * @example releases/2026/010-ok.md
 *   ---
 *   ref: No. 10 PR-26/EoJ
 *   date: 2026-02-18
 *   ---
 *   # English
 *   ## Japan provides US$1 million
 *   The grant of **US$1,000,000** adds to USD 1.5 million given in 2025 and 85,000 [US dollars](https://example.org) for training.
 *   # ខ្មែរ
 *   ## ជប៉ុនផ្តល់ ១លានដុល្លារ
 *   ជំនួយ **១,០០០,០០០** ដុល្លារអាមេរិក បន្ថែមលើ ១,៥ លានដុល្លារ ក្នុងឆ្នាំ២០២៥ និង ៨៥ ០០០ [ដុល្លារអាមេរិក](https://example.org) សម្រាប់វគ្គបណ្តុះបណ្តាល។
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
 * @expect releases/2026/010-slip.md 7:38 Amount `US$1,000,000` (USD 1,000,000) in the English does not match the Khmer `១០០,០០០ ដុល្លារអាមេរិក` (USD 100,000) at 10:35; correct whichever of the two is wrong
 * @expect releases/2026/010-slip.md 10:35 Amount `១០០,០០០ ដុល្លារអាមេរិក` (USD 100,000) in the Khmer does not match the English `US$1,000,000` (USD 1,000,000) at 7:38; correct whichever of the two is wrong
 *
 * @example releases/2026/010-clear.md
 *   ---
 *   ref: No. 10 PR-26/EoJ
 *   date: 2026-02-18
 *   ---
 *   # English
 *   ## Japan provides US$47 trillion
 *   The Government of Japan will provide US$47 trillion.
 *   # ខ្មែរ
 *   ## ជប៉ុនផ្តល់ ៤៧ ពាន់ប៊ីលានដុល្លារអាមេរិក
 *   រដ្ឋាភិបាលជប៉ុននឹងផ្តល់ថវិកាចំនួន ៤៧ ប៊ីលានដុល្លារអាមេរិក។
 *
 * @expect releases/2026/010-clear.md 10:35 Amount `៤៧ ប៊ីលានដុល្លារអាមេរិក` (USD 47,000,000,000) in the Khmer does not match the English `US$47 trillion` (USD 47,000,000,000,000) at 7:38; write ៤៧ ពាន់ប៊ីលានដុល្លារអាមេរិក (the release gives USD 47,000,000,000,000 twice elsewhere)
 */
import {defineFactRule} from '../fact-parity.js'

export default defineFactRule({
  id: 'amount-mismatch',
  kind: 'amount',
  severity: 'error',
  summary: 'Money amounts are the same in both languages'
})
