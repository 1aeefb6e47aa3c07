import {formatCodePoints, isBase, khmerCategory} from './cluster.js'

/** Characters a reader cannot see, by name. */
const invisibleNames = new Map<number, string>([
  [0x200b, 'zero-width space'],
  [0x200c, 'zero-width non-joiner'],
  [0x200d, 'zero-width joiner'],
  [0x2060, 'word joiner'],
  [0xfeff, 'zero-width no-break space'],
  [0x17b4, 'invisible vowel'],
  [0x17b5, 'invisible vowel'],
  [0x00a0, 'no-break space'],
  [0x0020, 'space']
])

/**
 * Khmer text for a message: the characters as a reader sees them, then
 * their code points, `ម្រោ (U+1798 U+17D2 U+179A U+17C4)`. A text that
 * starts with a mark is shown on a dotted circle ◌, as type specimens show
 * marks; invisible characters are named instead (`zero-width space (U+200B)`).
 */
export function describeKhmer(text: string): string {
  const codes = formatCodePoints(text)
  if (text === '') return 'nothing'
  const chars = [...text]
  if (chars.every((char) => invisibleNames.has(char.codePointAt(0)!))) {
    const names = [...new Set(chars.map((char) => invisibleNames.get(char.codePointAt(0)!)!))]
    return `${names.join(' and ')} (${codes})`
  }
  const shown = chars.map((char) => (invisibleNames.has(char.codePointAt(0)!) && char !== ' ' ? '' : char)).join('')
  const first = shown.codePointAt(0)!
  const category = khmerCategory(first)
  const carried = category !== 'Other' && !isBase(category) ? `◌${shown}` : shown
  return `${carried} (${codes})`
}
