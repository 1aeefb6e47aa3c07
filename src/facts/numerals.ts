/** Khmer digits ០–៩ are U+17E0–U+17E9; Khmer text may also use Latin digits. */
const khmerZero = 0x17e0

export const digitClass = '[0-9\\u17E0-\\u17E9]'

/** Latin digits for Khmer ones, leaving everything else. */
export function toLatinDigits(text: string): string {
  return text.replace(/[\u17E0-\u17E9]/g, (d) => String(d.charCodeAt(0) - khmerZero))
}

export function toKhmerDigits(text: string): string {
  return text.replace(/[0-9]/g, (d) => String.fromCharCode(khmerZero + Number(d)))
}

/**
 * A written number: digits with `,` or `.` between groups, and maybe a
 * decimal part. Matches `1,000,000`, `១,០០០,០០០`, `1.5`, `១.០០០.០០០`.
 */
export const numeralPattern = `${digitClass}+(?:[.,]${digitClass}+)*`

/**
 * The value of a written number. A separator followed by exactly three
 * digits groups thousands (`1,000`, CLDR Khmer `១.០០០`); otherwise it is the
 * decimal mark (`1.5`, CLDR Khmer `១,៥`). The same separator used twice
 * always groups; of two different ones, the last is the decimal mark.
 * Badly grouped digits read as the digits they are.
 */
export function parseNumeral(written: string): number | null {
  const text = toLatinDigits(written)
  const parts = text.split(/([.,])/)
  const separators = parts.filter((_, i) => i % 2 === 1)
  const groups = parts.filter((_, i) => i % 2 === 0)
  if (groups.some((g) => !/^\d+$/.test(g))) return null
  if (separators.length === 0) return Number(text)
  const last = separators.at(-1)!
  const lastGroup = groups.at(-1)!
  const grouping = separators.length > 1 && separators.every((s) => s === last)
  // Two kinds of separator: the last one is the decimal mark (`1,234.5`, `១.២៣៤,៥`).
  const mixed = separators.some((s) => s !== last)
  const decimal = mixed || (!grouping && lastGroup.length !== 3)
  const integerGroups = decimal ? groups.slice(0, -1) : groups
  // Groups after the first are three digits in a well-formed number; a
  // slip such as `១,០០០,០០` (or Indian grouping, `1,00,000`) still reads as
  // its digits, so that it is compared with its twin rather than ignored.
  const integer = Number(integerGroups.join(''))
  return decimal ? integer + Number(`0.${lastGroup}`) : integer
}

/** `1000000` → `1,000,000`; decimals kept as they are. */
export function groupThousands(value: number): string {
  const [integer, fraction] = String(value).split('.')
  const grouped = integer!.replace(/\B(?=(\d{3})+(?!\d))/g, ',')
  return fraction ? `${grouped}.${fraction}` : grouped
}
