/**
 * date-mismatch: dates written in the text are the same in both languages,
 * and are dates. English `18 February 2026`, `February 18, 2026`,
 * `Wednesday, 18th of February`, `18-20 February 2026`, `25/03/2026`
 * (or `03/25/2026`: English may write the month first) ↔ Khmer
 * `ថ្ងៃទី១៨ ខែ កុម្ភៈ ឆ្នាំ២០២៦`, `ថ្ងៃពុធ ទី១៨ ខែកុម្ភៈ`, `១៨ កុម្ភៈ ២០២៦`,
 * `ថ្ងៃទី២៥ ខែ៣ ឆ្នាំ២០២៦`, `ថ្ងៃទី ២៥/០៣/២០២៦`, `២៥-០៣-២០២៦`, with every
 * Khmer solar month and its common spellings, in any order when ថ្ងៃទី, ខែ and
 * ឆ្នាំ mark the parts. A date written without its year pairs with the same
 * day and month. Lunar dates (`១៤រោច ខែមាឃ`) are not solar dates and are
 * not compared.
 *
 * Also reported: a month that is one letter or two from a month's name
 * (`ខែ មិនា`: did you mean មីនា?), a date that does not exist
 * (`30 February`), and a Khmer date whose day and month are swapped
 * (`០៣/២៥/២០២៦`, or `០៤/០៣/២០២៦` where the English has 3 April).
 *
 * @example releases/2026/010-ok.md
 *   ---
 *   ref: No. 10 PR-26/EoJ
 *   date: 2026-02-18
 *   ---
 *   # English
 *   ## Japan provides a grant
 *   The contract was signed on 18 February 2026 and work starts on 2 March, to end by 25/03/2027.
 *   # ខ្មែរ
 *   ## ជប៉ុនផ្តល់ជំនួយ
 *   កិច្ចសន្យាបានចុះហត្ថលេខានៅថ្ងៃទី១៨ ខែ កុម្ភៈ ឆ្នាំ២០២៦ ហើយការងារចាប់ផ្តើមនៅថ្ងៃទី២ ខែ៣ ឆ្នាំ២០២៦ ដើម្បីបញ្ចប់នៅ ២៥-០៣-២០២៧។
 *
 * @example releases/2026/010-slip.md
 *   ---
 *   ref: No. 10 PR-26/EoJ
 *   date: 2026-02-18
 *   ---
 *   # English
 *   ## Japan provides a grant
 *   The contract was signed on 18 February 2026.
 *   # ខ្មែរ
 *   ## ជប៉ុនផ្តល់ជំនួយ
 *   កិច្ចសន្យាបានចុះហត្ថលេខានៅថ្ងៃទី១៨ ខែ មីនា ឆ្នាំ២០២៦។
 *
 * @expect releases/2026/010-slip.md 7:28 Date `18 February 2026` in the English does not match the Khmer `ថ្ងៃទី១៨ ខែ មីនា ឆ្នាំ២០២៦` (18 March 2026) at 10:27; correct whichever of the two is wrong
 * @expect releases/2026/010-slip.md 10:27 Date `ថ្ងៃទី១៨ ខែ មីនា ឆ្នាំ២០២៦` (18 March 2026) in the Khmer does not match the English `18 February 2026` at 7:28; correct whichever of the two is wrong
 *
 * @example releases/2026/010-spelling.md
 *   ---
 *   ref: No. 10 PR-26/EoJ
 *   date: 2026-02-18
 *   ---
 *   # English
 *   ## Japan provides a grant
 *   Work starts on 25 March 2026 and ends on 3 April 2027.
 *   # ខ្មែរ
 *   ## ជប៉ុនផ្តល់ជំនួយ
 *   ការងារចាប់ផ្តើមនៅថ្ងៃទី២៥ ខែ មិនា ឆ្នាំ២០២៦ ហើយបញ្ចប់នៅ ០៤/០៣/២០២៧។
 *
 * @expect releases/2026/010-spelling.md 10:18 Date `ថ្ងៃទី២៥ ខែ មិនា ឆ្នាំ២០២៦` (25 March 2026) in the Khmer has `មិនា`, which is not a month; did you mean មីនា?
 * @expect releases/2026/010-spelling.md 10:57 Date `០៤/០៣/២០២៧` (4 March 2027) in the Khmer does not match the English `3 April 2027` at 7:42, but would with its day and month swapped (Khmer dates are day/month/year); write ០៣/០៤/២០២៧
 */
import {defineFactRule} from '../fact-parity.js'

export default defineFactRule({
  id: 'date-mismatch',
  kind: 'date',
  severity: 'error',
  summary: 'Dates in the text are real dates and the same in both languages'
})
