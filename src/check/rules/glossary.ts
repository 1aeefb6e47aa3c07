/**
 * glossary: terms listed in `glossary.yaml` are translated as listed. When an
 * English variant of a term appears, one of its Khmer variants must appear in
 * the Khmer section; a `keep` term (such as ILO) must appear in both. Khmer is
 * compared without U+200B and with coeng Da read as coeng Ta. A missing
 * translation is reported on the Khmer headline or block paired with the
 * English one that has the term, where the fix goes. Terms in a unit with no
 * counterpart at all are left to `missing-translation`, and an empty section
 * to `untranslated`.
 *
 * @example releases/2026/010-ok.md
 *   ---
 *   ref: No. 10 PR-26/EoJ
 *   date: 2026-02-18
 *   ---
 *   # English
 *   ## Japan supports the ILO in Pursat
 *   Text.
 *   # ខ្មែរ
 *   ## ជប៉ុនគាំទ្រ ILO នៅខេត្តពោធិ៍សាត់
 *   អត្ថបទ។
 *
 * @example releases/2026/010-slip.md
 *   ---
 *   ref: No. 10 PR-26/EoJ
 *   date: 2026-02-18
 *   ---
 *   # English
 *   ## Japan supports the ILO in Pursat
 *   Text.
 *   # ខ្មែរ
 *   ## ជប៉ុនគាំទ្រអង្គការពលកម្មអន្តរជាតិនៅខេត្តពោសាត់
 *   អត្ថបទ។
 *
 * @expect releases/2026/010-slip.md 9:1 `ILO` is in the English (6:23) but not in this Khmer text; keep it as `ILO` in both
 * @expect releases/2026/010-slip.md 9:1 `Pursat` (English, 6:30) has no counterpart in this Khmer text; write ពោធិ៍សាត់
 */
import {firstTerm, khmerMatchForm} from '../../config/glossary.js'
import {isEmptySection, sectionTextNodes, sourcePoint} from '../../release/text.js'
import type {TextNode} from '../../release/model.js'
import {indexPairs} from '../../release/pairing.js'
import {defineRule} from '../rule.js'

export default defineRule({
  id: 'glossary',
  severity: 'warning',
  summary: 'Glossary terms are translated as listed in glossary.yaml',
  checkRelease(release, {config, source, report}) {
    const en = release.sections.en
    const km = release.sections.km
    // An empty section is one slip, which `untranslated` reports.
    if (!en || !km || isEmptySection(en) || isEmptySection(km)) return
    // Text in a unit with no counterpart is lost with it; `missing-translation` says so once.
    const index = indexPairs(en, km)
    const kept = (node: TextNode) => !index.lone.has(index.pairAt(node.position.start.offset) ?? -1)
    const all = {en: sectionTextNodes(en), km: sectionTextNodes(km)}
    const enNodes = all.en.filter(kept)
    const kmText = khmerMatchForm(all.km.map((node) => node.value).join('\n'))
    const first = (nodes: TextNode[], term: string) => {
      for (const node of nodes) {
        const match = firstTerm(node.value, term)
        if (match) return {node, ...match}
      }
      return null
    }
    const at = (found: {node: TextNode; index: number; text: string}) => ({
      start: sourcePoint(source, found.node, found.index),
      end: sourcePoint(source, found.node, found.index + found.text.length)
    })
    // A term missing from the Khmer is reported where its translation belongs:
    // the Khmer headline or block paired with the English one that has it.
    const khmerPlace = (found: {node: TextNode}) => {
      const pair = index.pairAt(found.node.position.start.offset)
      if (pair === null) return null
      return (pair === 0 ? km.headline?.position.start : index.pairs[pair - 1]!.km?.position.start) ?? null
    }
    const english = (found: {node: TextNode; index: number}) => {
      const point = sourcePoint(source, found.node, found.index)
      return `${point.line}:${point.column}`
    }
    for (const term of config.glossary.terms) {
      const found = term.en.map((variant) => first(enNodes, variant)).find(Boolean)
      if (!found) continue
      if (term.km.some((variant) => kmText.includes(khmerMatchForm(variant)))) continue
      const place = khmerPlace(found)
      report({
        reason: place
          ? `\`${found.text}\` (English, ${english(found)}) has no counterpart in this Khmer text; write ${term.km.join(' or ')}`
          : `\`${found.text}\` has no counterpart in the Khmer section; write ${term.km.join(' or ')} there`,
        place: place ?? at(found),
        actual: found.text,
        expected: term.km,
        note: term.note ?? undefined
      })
    }
    for (const keep of config.glossary.keep) {
      // Found in a unit that has a counterpart, and missing from the whole other section.
      const inEn = first(enNodes, keep)
      const inKm = first(all.km.filter(kept), keep)
      if (inEn && first(all.km, keep)) continue
      if (!inEn && (!inKm || first(all.en, keep))) continue
      const found = (inEn ?? inKm)!
      const [here, there] = inEn ? ['English', 'Khmer'] : ['Khmer', 'English']
      const place = inEn ? khmerPlace(inEn) : null
      report({
        reason: place
          ? `\`${keep}\` is in the English (${english(inEn!)}) but not in this Khmer text; keep it as \`${keep}\` in both`
          : `\`${keep}\` is in the ${here} but not in the ${there}; keep it as \`${keep}\` in both`,
        place: place ?? at(found),
        actual: found.text,
        expected: [keep]
      })
    }
  }
})
