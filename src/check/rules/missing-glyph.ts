/**
 * missing-glyph: every character can be drawn by the fonts `pressroom.yaml`
 * names for its language and style (headlines, subheads and strong text in
 * the bold chain, emphasis in the italic one). A character no font has would
 * print as an empty box in the PDF; the build refuses it too, this rule says
 * so before. Each missing character is reported once per section and style.
 *
 * @example releases/2026/010-ok.md
 *   ---
 *   ref: No. 10 PR-26/EoJ
 *   date: 2026-02-18
 *   ---
 *   # English
 *   ## Japan provides US$1,000,000 — “a grant”
 *   The *ILO* gets **€5**.
 *   # ខ្មែរ
 *   ## ជប៉ុនផ្តល់ជំនួយ ១,០០០,០០០ ដុល្លារ
 *   ស្ត្រី កើត ព្រះរាជាណាចក្រ (ILO)។
 *
 * @example releases/2026/010-thai.md
 *   ---
 *   ref: No. 10 PR-26/EoJ
 *   date: 2026-02-18
 *   ---
 *   # English
 *   ## Japan provides a grant
 *   Border town of Aranyaprathet (อรัญประเทศ), see ☃.
 *   # ខ្មែរ
 *   ## ជប៉ុនផ្តល់ជំនួយ
 *   ក្រុងអរញ្ញប្រទេស (อรัญประเทศ)។
 *
 * @expect releases/2026/010-thai.md 7:31 No font covers U+0E2D "อ"
 * @expect releases/2026/010-thai.md 7:32 No font covers U+0E23 "ร"
 * @expect releases/2026/010-thai.md 7:33 No font covers U+0E31 "ั"
 * @expect releases/2026/010-thai.md 7:34 No font covers U+0E0D "ญ"
 * @expect releases/2026/010-thai.md 7:35 No font covers U+0E1B "ป"
 * @expect releases/2026/010-thai.md 7:37 No font covers U+0E30 "ะ"
 * @expect releases/2026/010-thai.md 7:38 No font covers U+0E40 "เ"
 * @expect releases/2026/010-thai.md 7:39 No font covers U+0E17 "ท"
 * @expect releases/2026/010-thai.md 7:40 No font covers U+0E28 "ศ"
 * @expect releases/2026/010-thai.md 7:48 No font covers U+2603 "☃"
 * @expect releases/2026/010-thai.md 10:19 No font covers U+0E2D "อ"
 * @expect releases/2026/010-thai.md 10:20 No font covers U+0E23 "ร"
 * @expect releases/2026/010-thai.md 10:21 No font covers U+0E31 "ั"
 * @expect releases/2026/010-thai.md 10:22 No font covers U+0E0D "ญ"
 * @expect releases/2026/010-thai.md 10:23 No font covers U+0E1B "ป"
 * @expect releases/2026/010-thai.md 10:25 No font covers U+0E30 "ะ"
 * @expect releases/2026/010-thai.md 10:26 No font covers U+0E40 "เ"
 * @expect releases/2026/010-thai.md 10:27 No font covers U+0E17 "ท"
 * @expect releases/2026/010-thai.md 10:28 No font covers U+0E28 "ศ"
 */
import type {FontRole} from '../../config/model.js'
import type {Block, Inline, Lang, TextNode} from '../../release/model.js'
import {sectionsOf, sourcePoint} from '../../release/text.js'
import {missingGlyphReason} from '../../text/itemize.js'
import {defineRule} from '../rule.js'

export default defineRule({
  id: 'missing-glyph',
  severity: 'error',
  summary: 'Every character is in the fonts configured for its language and style',
  checkRelease(release, {config, source, report}) {
    const coverage = config.coverage
    if (!coverage) return
    for (const section of sectionsOf(release)) {
      // Per font role, each character is looked up in the fonts once and reported once:
      // a long text repeats the same few hundred characters.
      const seen = new Map<FontRole, Set<number>>()
      const check = (node: TextNode, role: FontRole) => {
        const known = seen.get(role) ?? new Set<number>()
        seen.set(role, known)
        const value = node.value
        for (let index = 0; index < value.length; ) {
          const codePoint = value.codePointAt(index)!
          if (!known.has(codePoint)) {
            known.add(codePoint)
            if (!coverage.covers(section.lang, role, codePoint)) {
              report({reason: missingGlyphReason(codePoint), place: sourcePoint(source, node, index), actual: String.fromCodePoint(codePoint)})
            }
          }
          index += codePoint > 0xffff ? 2 : 1
        }
      }
      if (section.headline) visitInlines(section.headline.children, 'bold', check)
      visitBlocks(section.blocks, section.lang, check)
    }
  }
})

function visitBlocks(blocks: readonly Block[], lang: Lang, check: (node: TextNode, role: FontRole) => void) {
  for (const block of blocks) {
    if (block.type === 'paragraph') visitInlines(block.children, 'regular', check)
    else if (block.type === 'heading') visitInlines(block.children, 'bold', check)
    else if (block.type === 'list') for (const item of block.items) visitBlocks(item.children, lang, check)
    else visitBlocks(block.children, lang, check)
  }
}

function visitInlines(inlines: readonly Inline[], role: FontRole, check: (node: TextNode, role: FontRole) => void) {
  for (const node of inlines) {
    if (node.type === 'text') check(node, role)
    else if (node.type === 'strong') visitInlines(node.children, role === 'italic' || role === 'boldItalic' ? 'boldItalic' : 'bold', check)
    else if (node.type === 'emphasis') visitInlines(node.children, role === 'bold' || role === 'boldItalic' ? 'boldItalic' : 'italic', check)
    else if (node.type === 'link') visitInlines(node.children, role, check)
  }
}
