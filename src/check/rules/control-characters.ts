/**
 * control-characters: no invisible control characters anywhere in the file:
 * NUL and other C0/C1 controls (a terminal escape such as ESC `[2J` clears
 * the screen of whoever prints the text), and the bidirectional controls
 * (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C), which make text
 * read in another order than it is stored (a headline that shows one
 * reference and holds another). Tabs, line ends and the zero-width
 * characters of Khmer (U+200B–U+200D) are fine.
 *
 * @example releases/2026/010-ok.md
 *   ---
 *   ref: No. 10 PR-26/EoJ
 *   date: 2026-02-18
 *   ---
 *   # English
 *   ## Japan provides a grant
 *   # ខ្មែរ
 *   ## ជប៉ុន​ផ្តល់​ជំនួយ
 *
 * @example releases/2026/010-controls.md
 *   ---
 *   ref: No. 10 PR-26/EoJ
 *   date: 2026-02-18
 *   ---
 *   # English
 *   ## Japan provides a grant‮ reversed
 *   # ខ្មែរ
 *   ## ជប៉ុនផ្តល់ជំនួយ
 *
 * @expect releases/2026/010-controls.md 6:26 U+202E, a bidirectional control, is in the text
 */
import {location} from 'vfile-location'
import {defineRule} from '../rule.js'

const controls = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu

/** Reported one by one up to this many; then one message counts the rest. */
const maxReported = 20

export default defineRule({
  id: 'control-characters',
  severity: 'error',
  summary: 'No control characters (NUL, terminal escapes, bidi overrides) in the text',
  checkRelease(_release, {source, report}) {
    const found = [...source.matchAll(controls)]
    if (found.length === 0) return
    const place = location(source)
    for (const match of found.slice(0, maxReported)) {
      const code = match[0].codePointAt(0)!
      const name = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`
      const kind = code >= 0x200e ? 'a bidirectional control' : code === 0x061c ? 'a bidirectional control' : code === 0 ? 'a NUL byte' : code === 0x1b ? 'a terminal escape' : 'a control character'
      const point = place.toPoint(match.index)!
      report({
        reason: `${name}, ${kind}, is in the text; it is invisible and changes how the text shows: delete it`,
        place: {line: point.line, column: point.column, offset: match.index},
        actual: name
      })
    }
    if (found.length > maxReported) {
      const point = place.toPoint(found[maxReported]!.index)!
      report({reason: `${found.length - maxReported} more control characters; delete them all`, place: {line: point.line, column: point.column, offset: found[maxReported]!.index}})
    }
  }
})
