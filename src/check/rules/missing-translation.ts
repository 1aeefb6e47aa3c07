/**
 * missing-translation: nothing is lost between the languages: every
 * paragraph, subhead, list item and quote has a counterpart in the other
 * language (paired as the preview shows them side by side). Names the unit
 * by its first words and says after which unit of the other section its
 * translation belongs. In a draft (`draft: true`) these are warnings: a
 * draft may be unfinished. A unit paired with one of another shape (a
 * paragraph with a list item) is `structure-parity`'s; an empty or missing
 * section is `untranslated`'s and `language-sections`'.
 *
 * @example releases/2026/010-ok.md
 *   ---
 *   ref: No. 10 PR-26/EoJ
 *   date: 2026-02-18
 *   ---
 *   # English
 *   ## Japan provides a grant
 *   The Government of Japan will provide a grant.
 *
 *   - Recipient: the ILO
 *   # ខ្មែរ
 *   ## ជប៉ុនផ្តល់ជំនួយ
 *   រដ្ឋាភិបាលជប៉ុននឹងផ្តល់ជំនួយ។
 *
 *   ស្ថាប័នទទួលជំនួយ៖ ILO
 *
 * @example releases/2026/010-lost.md
 *   ---
 *   ref: No. 10 PR-26/EoJ
 *   date: 2026-02-18
 *   ---
 *   # English
 *   ## Japan provides a grant
 *   The Government of Japan will provide a grant to the International Labour Organization for vocational training.
 *
 *   The grant builds training centres in Preah Vihear, Oddar Meanchey and Pursat provinces for workers returning from abroad.
 *
 *   It also helps their families.
 *   # ខ្មែរ
 *   ## ជប៉ុនផ្តល់ជំនួយ
 *   រដ្ឋាភិបាលជប៉ុននឹងផ្តល់ជំនួយដល់អង្គការពលកម្មអន្តរជាតិ សម្រាប់ការបណ្តុះបណ្តាលវិជ្ជាជីវៈ។
 *
 *   គម្រោងនេះក៏ជួយគ្រួសាររបស់ពួកគេផងដែរ។
 *
 * @expect releases/2026/010-lost.md 9:1 English paragraph “The grant builds training centres in…” (line 9) has no Khmer counterpart; translate it after the Khmer paragraph “រដ្ឋាភិបាលជប៉ុននឹងផ្តល់ជំនួយ…” (line 14), or remove it
 *
 * @example releases/2026/011-waiting.md
 *   ---
 *   ref: No. 11 PR-26/EoJ
 *   date: 2026-02-20
 *   ---
 *   # English
 *   ## Japan provides a grant
 *   ### Background
 *   # ខ្មែរ
 *   ## ជប៉ុនផ្តល់ជំនួយ
 *
 * @expect releases/2026/011-waiting.md 7:1 English subhead “Background” (line 7) has no Khmer counterpart; translate it after the Khmer headline (line 9), or remove it
 */
import type {Lang, Section} from '../../release/model.js'
import {pairUnits, sectionUnits, type Unit} from '../../release/pairing.js'
import {isEmptySection} from '../../release/text.js'
import {defineRule} from '../rule.js'

const names: Record<Lang, string> = {en: 'English', km: 'Khmer'}
const kindNames: Record<Unit['kind'], string> = {
  paragraph: 'paragraph',
  subhead: 'subhead',
  item: 'list item',
  quote: 'quoted paragraph'
}

export default defineRule({
  id: 'missing-translation',
  severity: 'error',
  lenientInDrafts: true,
  summary: 'Every paragraph, subhead, list item and quote has a counterpart in the other language',
  checkRelease(release, {report}) {
    const sections = {en: release.sections.en, km: release.sections.km}
    if (!sections.en || !sections.km) return
    // An empty section is one slip with one message (`untranslated`), not one per unit.
    if (isEmptySection(sections.en) || isEmptySection(sections.km)) return
    const last: Record<Lang, Unit | null> = {en: null, km: null}
    for (const pair of pairUnits(sectionUnits(sections.en), sectionUnits(sections.km))) {
      const lone = pair.en ? (pair.km ? null : 'en') : 'km'
      if (lone) {
        const unit = pair[lone]!
        const other: Lang = lone === 'en' ? 'km' : 'en'
        report({
          reason: `${names[lone]} ${kindNames[unit.kind]} “${excerpt(unit.text, lone)}” (line ${unit.position.start.line}) has no ${names[other]} counterpart; translate it after ${placeAfter(last[other], sections[other]!)}, or remove it`,
          place: unit.position
        })
      }
      if (pair.en) last.en = pair.en
      if (pair.km) last.km = pair.km
    }
  }
})

/** Where a translation goes: after this unit of the other section, or after its headline or heading. */
function placeAfter(unit: Unit | null, section: Section): string {
  const lang = names[section.lang]
  if (unit) return `the ${lang} ${kindNames[unit.kind]} “${excerpt(unit.text, section.lang)}” (line ${unit.position.start.line})`
  if (section.headline) return `the ${lang} headline (line ${section.headline.position.start.line})`
  return `\`# ${section.label}\` (line ${section.headingPosition.start.line})`
}

const wordSegmenter = new Intl.Segmenter('km', {granularity: 'word'})
/** Enough words to find a unit by: fewer Khmer words, which are longer and seldom spaced. */
const excerptLength: Record<Lang, {words: number; characters: number}> = {en: {words: 6, characters: 48}, km: {words: 5, characters: 40}}

/**
 * The first words of a unit's text, enough to find it: whole words (ICU's
 * dictionary finds Khmer ones), with `…` when there is more.
 */
export function excerpt(text: string, lang: Lang): string {
  // Only the start is read, so a very long paragraph costs no more than a short one.
  const head = text.slice(0, 400).replace(/\s+/g, ' ').trim()
  const {words, characters} = excerptLength[lang]
  let cut = ''
  let count = 0
  for (const {segment, isWordLike} of wordSegmenter.segment(head)) {
    if (isWordLike && (count === words || (count > 0 && (cut + segment).trimEnd().length > characters))) break
    cut += segment
    if (isWordLike) count++
  }
  cut = cut.trimEnd()
  if (text.length <= 400 && cut === head) return cut
  // Cut short: no comma or colon left hanging before the ellipsis.
  return `${cut.replace(/[\s,;:]+$/u, '')}…`
}
