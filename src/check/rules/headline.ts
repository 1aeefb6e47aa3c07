/**
 * headline: each section's `##` headline is not too long to read as one:
 * at most 150 characters in English, 120 grapheme clusters in Khmer (a
 * Khmer cluster such as ស្ត្រី is one unit of width). A section without a
 * headline is `language-sections`' error.
 *
 * @example releases/2026/010-ok.md
 *   ---
 *   ref: No. 10 PR-26/EoJ
 *   date: 2026-02-18
 *   ---
 *   # English
 *   ## Japan provides a grant
 *   Text.
 *   # ខ្មែរ
 *   ## ជប៉ុនផ្តល់ជំនួយ
 *   អត្ថបទ។
 *
 * @example releases/2026/010-bad.md
 *   ---
 *   ref: No. 10 PR-26/EoJ
 *   date: 2026-02-18
 *   ---
 *   # English
 *   ## Japan provides a grant for promoting the employment of returning migrant workers affected by the border conflict in three north-western provinces of the Kingdom
 *   Text.
 *   # ខ្មែរ
 *   អត្ថបទ។
 *
 * @expect releases/2026/010-bad.md 6:1 English headline is 160 characters; shorten it to 150 or fewer
 */
import type {Lang} from '../../release/model.js'
import {defineRule} from '../rule.js'

const limits: Record<Lang, {max: number; unit: string}> = {
  en: {max: 150, unit: 'characters'},
  km: {max: 120, unit: 'clusters'}
}
const names: Record<Lang, string> = {en: 'English', km: 'Khmer'}
const graphemes = new Intl.Segmenter('km', {granularity: 'grapheme'})

export default defineRule({
  id: 'headline',
  severity: 'warning',
  summary: 'Headlines are of a readable length',
  checkRelease(release, {report}) {
    for (const lang of release.order) {
      const section = release.sections[lang]!
      if (!section.headline) continue
      const {max, unit} = limits[lang]
      const length = lang === 'en' ? [...section.headline.text].length : [...graphemes.segment(section.headline.text)].length
      if (length > max) {
        report({
          reason: `${names[lang]} headline is ${length} ${unit}; shorten it to ${max} or fewer`,
          place: section.headline.position,
          actual: String(length),
          expected: [`≤ ${max}`]
        })
      }
    }
  }
})
