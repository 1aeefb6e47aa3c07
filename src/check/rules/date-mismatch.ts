/**
 * date-mismatch: dates written in the text are the same in both languages
 * (`18 February 2026`, `February 18, 2026` ↔ `ថ្ងៃទី១៨ ខែ កុម្ភៈ ឆ្នាំ២០២៦`, `១៨ កុម្ភៈ ២០២៦`,
 * with every Khmer solar month and its common spellings). A date written
 * without its year pairs with the same day and month.
 *
 * @example releases/2026/010-ok.md
 *   ---
 *   ref: No. 10 PR-26/EoJ
 *   date: 2026-02-18
 *   ---
 *   # English
 *   ## Japan provides a grant
 *   The contract was signed on 18 February 2026 and work starts on 2 March.
 *   # ខ្មែរ
 *   ## ជប៉ុនផ្តល់ជំនួយ
 *   កិច្ចសន្យាបានចុះហត្ថលេខានៅថ្ងៃទី១៨ ខែ កុម្ភៈ ឆ្នាំ២០២៦ ហើយការងារចាប់ផ្តើមនៅថ្ងៃទី២ ខែមីនា ឆ្នាំ២០២៦។
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
 * @expect releases/2026/010-slip.md 7:28 Date `18 February 2026` in the English does not match the Khmer `ថ្ងៃទី១៨ ខែ មីនា ឆ្នាំ២០២៦` at 10:27; write 18 March 2026 or correct the Khmer
 * @expect releases/2026/010-slip.md 10:27 Date `ថ្ងៃទី១៨ ខែ មីនា ឆ្នាំ២០២៦` in the Khmer does not match the English `18 February 2026` at 7:28; write ថ្ងៃទី១៨ ខែ កុម្ភៈ ឆ្នាំ២០២៦ or correct the English
 */
import {defineFactRule} from '../fact-parity.js'

export default defineFactRule({
  id: 'date-mismatch',
  kind: 'date',
  severity: 'error',
  summary: 'Dates in the text are the same in both languages'
})
