/**
 * untranslated: both sections are translated: no empty section, no
 * placeholder (TODO, TBD, FIXME, XXX, lorem ipsum), no English pasted into the
 * Khmer section (or Khmer into the English), and no Khmer paragraph mostly in
 * Latin script once glossary terms, web and e-mail addresses, reference
 * numbers and amounts are set aside. In a draft, these are warnings.
 *
 * @example releases/2026/010-ok.md
 *   ---
 *   ref: No. 10 PR-26/EoJ
 *   date: 2026-02-18
 *   ---
 *   # English
 *   ## Japan supports the ILO
 *   The Government of Japan will provide US$1,000,000 to the ILO (International Labour Organization).
 *   # ខ្មែរ
 *   ## ជប៉ុនគាំទ្រ ILO
 *   រដ្ឋាភិបាលជប៉ុននឹងផ្តល់ US$1,000,000 ដល់ ILO (International Labour Organization)។
 *
 * @example releases/2026/010-slip.md
 *   ---
 *   ref: No. 10 PR-26/EoJ
 *   date: 2026-02-18
 *   ---
 *   # English
 *   ## Japan supports the ILO
 *   The Government of Japan will provide a grant. TBD: amount.
 *
 *   The grant will build training centres.
 *   # ខ្មែរ
 *   ## ជប៉ុនគាំទ្រ ILO
 *   រដ្ឋាភិបាលជប៉ុននឹងផ្តល់ជំនួយ។
 *
 *   The grant will build training centres.
 *
 * @expect releases/2026/010-slip.md 7:47 Placeholder `TBD` left in the English; replace it with the final text
 * @expect releases/2026/010-slip.md 14:1 This Khmer paragraph is the English text pasted in; translate it
 */
import {termMatches} from '../../config/glossary.js'
import type {Lang} from '../../release/model.js'
import {sectionUnits} from '../../release/pairing.js'
import {sectionsOf, sectionTextNodes, sourcePoint} from '../../release/text.js'
import {defineRule} from '../rule.js'

const placeholder = /(?<![\p{L}\p{N}])(TODO|TBD|TBC|FIXME|XXX|lorem ipsum|\[translation\]|\[translate\])(?![\p{L}\p{N}])/giu
const names: Record<Lang, string> = {en: 'English', km: 'Khmer'}
/** Spans that are Latin in any language: addresses, references, amounts. */
const neutral = /\bhttps?:\/\/\S+|\bwww\.\S+|[\w.+-]+@[\w.-]+|\bNo\.?\s*\d+\s*PR-\d+\/\w+|\b(?:US\$|USD|JPY|KHR|EUR)\s?[\d.,]+/giu
/** Below this many letters a paragraph is too short to judge. */
const minimumLetters = 12

export default defineRule({
  id: 'untranslated',
  lenientInDrafts: true,
  severity: 'error',
  summary: 'No empty section, placeholder, or text left in the other language',
  checkRelease(release, {config, source, report}) {
    for (const section of sectionsOf(release)) {
      if (!section.headline && section.blocks.length === 0) {
        report({reason: `The ${names[section.lang]} section is empty; write the ${names[section.lang]} text`, place: section.headingPosition})
        continue
      }
      for (const node of sectionTextNodes(section)) {
        for (const match of node.value.matchAll(placeholder)) {
          report({
            reason: `Placeholder \`${match[0]}\` left in the ${names[section.lang]}; replace it with the final text`,
            place: {start: sourcePoint(source, node, match.index), end: sourcePoint(source, node, match.index + match[0].length)},
            actual: match[0]
          })
        }
      }
    }
    const en = release.sections.en
    const km = release.sections.km
    if (!en || !km) return
    const english = new Set(sectionUnits(en).map((unit) => squash(unit.text)).filter((text) => text.length >= minimumLetters))
    const glossaryTerms = [...config.glossary.terms.flatMap((term) => term.en), ...config.glossary.keep]
    for (const section of [en, km]) {
      const other: Lang = section.lang === 'en' ? 'km' : 'en'
      for (const unit of sectionUnits(section)) {
        if (section.lang === 'km' && english.has(squash(unit.text))) {
          report({reason: 'This Khmer paragraph is the English text pasted in; translate it', place: unit.position.start})
          continue
        }
        let text = unit.text.replace(neutral, ' ')
        for (const term of glossaryTerms) text = blankTerm(text, term)
        // Counted by what is left when the rest is deleted: one string, not an array of every letter.
        const latin = text.replace(/\P{Script=Latin}+/gu, '').length
        const khmer = text.replace(/\P{Script=Khmer}+/gu, '').length
        const foreign = section.lang === 'km' ? latin : khmer
        if (foreign < minimumLetters || foreign <= (latin + khmer) / 2) continue
        report({
          reason: `This ${names[section.lang]} paragraph is mostly in ${names[other]} (${Math.round((100 * foreign) / (latin + khmer))}% of its letters); translate it`,
          place: unit.position.start
        })
      }
    }
  }
})

/** `text` with every whole-word `term` replaced by a space. */
function blankTerm(text: string, term: string): string {
  let out = ''
  let at = 0
  for (const match of termMatches(text, term)) {
    out += `${text.slice(at, match.index)} `
    at = match.index + match.text.length
  }
  return at === 0 ? text : out + text.slice(at)
}

function squash(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase()
}
