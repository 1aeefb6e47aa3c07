/**
 * number-mismatch: figures other than amounts and dates appear in both
 * languages: counts (`1,200`, `៣ ពាន់`, `1.2 million`), percentages
 * (`40%`, `40 percent`, `40 per cent`, `40 pc` ↔ `៤០%`, `៤០ ភាគរយ`), years,
 * ordinals (`3rd` ↔ `ទី៣`), both ends of ranges (`grades 1-6` ↔
 * `ថ្នាក់ទី១-៦`), times on a 24-hour clock (`2 p.m.` ↔ `ម៉ោង ២ រសៀល`,
 * `ម៉ោង ១៤:០០`), phone numbers compared whole (`+855 23 217 161` is
 * `023 217 161`; `023 161 217` is not) and Buddhist-era years (`ព.ស.២៥៦៩`,
 * compared only with Buddhist-era years, and only when both languages
 * write one). Numbers written in words (`twelve`, `a dozen`, `ដប់ពីរ`)
 * pair with figures but are never reported alone, since `one` is as often
 * a word as a figure; so are numbers inside codes (`COVID-19`). Digits in
 * web addresses, e-mail addresses, reference numbers (`No. 10 PR-26/EoJ`,
 * `លេខ ១០ PR-២៦/EoJ`) and lunar days (`១៤រោច`) are not figures.
 *
 * @example releases/2026/010-ok.md
 *   ---
 *   ref: No. 10 PR-26/EoJ
 *   date: 2026-02-18
 *   ---
 *   # English
 *   ## Japan provides a grant
 *   The project trains 1,200 workers in twelve schools of 3 provinces (grades 1-6), 40 percent of them women. Call +855 23 217 161 before 2 p.m.
 *   # ខ្មែរ
 *   ## ជប៉ុនផ្តល់ជំនួយ
 *   គម្រោងនេះបណ្តុះបណ្តាលពលករ ១,២០០ នាក់ នៅសាលាចំនួន ១២ ក្នុង ៣ ខេត្ត (ថ្នាក់ទី១-៦) ដែល ៤០% ជាស្ត្រី។ សូមទូរស័ព្ទមក 023 217 161 មុនម៉ោង ២ រសៀល។
 *
 * @example releases/2026/010-slip.md
 *   ---
 *   ref: No. 10 PR-26/EoJ
 *   date: 2026-02-18
 *   ---
 *   # English
 *   ## Japan provides a grant
 *   The project trains 1,200 workers in 3 provinces (grades 1-6). Call 023 217 161.
 *   # ខ្មែរ
 *   ## ជប៉ុនផ្តល់ជំនួយ
 *   គម្រោងនេះបណ្តុះបណ្តាលពលករ ១,០២០ នាក់ នៅ ៣ ខេត្ត (ថ្នាក់ទី១-៥)។ សូមទូរស័ព្ទមក 023 161 217។
 *
 * @expect releases/2026/010-slip.md 7:20 Number `1,200` in the English does not match the Khmer `១,០២០` at 10:27; correct whichever of the two is wrong
 * @expect releases/2026/010-slip.md 7:59 Number `6` in the English does not match the Khmer `៥` at 10:60; correct whichever of the two is wrong
 * @expect releases/2026/010-slip.md 10:27 Number `១,០២០` in the Khmer does not match the English `1,200` at 7:20; correct whichever of the two is wrong
 * @expect releases/2026/010-slip.md 10:60 Number `៥` in the Khmer does not match the English `6` at 7:59; correct whichever of the two is wrong
 * @expect releases/2026/010-slip.md 10:78 Phone number `023 161 217` in the Khmer does not match the English `023 217 161` at 7:68; write 023 217 161 (the contact number in pressroom.yaml is 023 217 161)
 */
import {defineFactRule} from '../fact-parity.js'

export default defineFactRule({
  id: 'number-mismatch',
  kind: 'number',
  severity: 'warning',
  summary: 'Other figures (counts, percentages, years) appear in both languages'
})
