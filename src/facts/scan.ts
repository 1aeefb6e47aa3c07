import {matchWord, type Word} from './lexicon.js'
import {parseNumeral, toLatinDigits} from './numerals.js'

/**
 * The tokens of a run of text that figures are made of: numbers (with
 * their grouping, as a numeric date, a time or a phone number when they
 * are one), the words of the lexicon, and the dashes and commas between
 * them. Everything else is left out; the grammar (extract.ts) looks at
 * what lies between two tokens only to know whether they are adjacent.
 *
 * One pass from left to right; each number is read once from its first
 * digit and no pattern backtracks over more than a few characters, so a
 * run of any length is scanned in linear time.
 */
export type Token =
  | NumberToken
  | {type: 'numeric-date'; start: number; end: number; parts: [number, number, number]; order: 'dmy' | 'ymd'; separator: string; text: string}
  | {type: 'time'; start: number; end: number; hour: number; minute: number; text: string}
  | {type: 'phone'; start: number; end: number; digits: string; text: string}
  | {type: 'word'; start: number; end: number; word: Word; text: string}
  | {type: 'dash' | 'comma' | 'slash'; start: number; end: number; text: string}

export interface NumberToken {
  type: 'number'
  start: number
  end: number
  value: number
  /** The digits of the integer part, Latin, without separators. */
  digits: string
  /** Written with thousands separators (`,`, `.` or a space). */
  grouped: boolean
  decimal: boolean
  /** `1st`, `25th`. */
  ordinal: boolean
  /**
   * Part of a code or a word rather than a figure of the text (`COVID-19`,
   * `PR-26`, `5G`), or the label of an item (`១.ឈ្មោះ`).
   */
  attached: boolean
  text: string
}

const isDigit = (char: string | undefined) => {
  const code = char === undefined ? 0 : char.charCodeAt(0)
  return (code >= 0x30 && code <= 0x39) || (code >= 0x17e0 && code <= 0x17e9)
}
const isLetter = (char: string | undefined) => char !== undefined && /[A-Za-z\u1780-\u17b3]/.test(char)
/** Spaces that group thousands (`៨៥ ០០០`): space, no-break space, thin and narrow no-break space. */
const groupSpace = /[ \u00a0\u2009\u202f]/

const d = '[0-9\\u17e0-\\u17e9]'
const dayMonthYear = new RegExp(`(${d}{1,2})([./-])(${d}{1,2})\\2(${d}{4}|${d}{2})(?!${d}|[./-]${d})`, 'y')
const yearMonthDay = new RegExp(`(${d}{4})([./-])(${d}{1,2})\\2(${d}{1,2})(?!${d}|[./-]${d})`, 'y')
const clock = new RegExp(`(${d}{1,2}):(${d}{2})(?!${d}|:${d})`, 'y')

export function scanTokens(text: string): Token[] {
  const tokens: Token[] = []
  let i = 0
  while (i < text.length) {
    const char = text[i]!
    if (isDigit(char)) {
      const token = readNumber(text, i)
      tokens.push(token)
      i = token.end
      continue
    }
    if (/[-\u2010-\u2014]/.test(char)) {
      tokens.push({type: 'dash', start: i, end: i + 1, text: char})
      i++
      continue
    }
    if (char === ',' || char === '/') {
      tokens.push({type: char === ',' ? 'comma' : 'slash', start: i, end: i + 1, text: char})
      i++
      continue
    }
    const match = matchWord(text, i)
    if (match) {
      tokens.push({type: 'word', start: i, end: match.end, word: match.word, text: text.slice(i, match.end)})
      i = match.end
      continue
    }
    // No word starts inside a Latin word: skip the rest of it, digits included (`A4`, `G20`).
    if (/[A-Za-z]/.test(char)) {
      while (i < text.length && /[A-Za-z0-9_]/.test(text[i]!)) i++
      continue
    }
    i++
  }
  return tokens
}

function readNumber(text: string, start: number): Token {
  const date = readNumericDate(text, start)
  if (date) return date
  const phone = readPhone(text, start)
  if (phone) return phone
  clock.lastIndex = start
  const time = clock.exec(text)
  if (time) {
    const hour = Number(toLatinDigits(time[1]!))
    const minute = Number(toLatinDigits(time[2]!))
    if (hour <= 24 && minute < 60) return {type: 'time', start, end: start + time[0].length, hour, minute, text: time[0]}
  }
  return readNumeral(text, start)
}

function readNumericDate(text: string, start: number): Token | null {
  for (const [pattern, order] of [[dayMonthYear, 'dmy'], [yearMonthDay, 'ymd']] as const) {
    pattern.lastIndex = start
    const match = pattern.exec(text)
    if (!match) continue
    const [, a, separator, b, c] = match
    // A two-digit year only after `/` or `.` (`25/03/26`); `1-2-26` is more likely a list of figures.
    if (order === 'dmy' && c!.length === 2 && separator === '-') continue
    const parts = [a!, b!, c!].map((part) => Number(toLatinDigits(part))) as [number, number, number]
    return {type: 'numeric-date', start, end: start + match[0].length, parts, order, separator: separator!, text: match[0]}
  }
  return null
}

/**
 * A phone number, read whole so that it is compared whole: `023 217 161`,
 * `+855 23 217 161`, `(023) 217-161`, `012345678`. It starts with `+` or
 * `0` (a Cambodian number is dialled from 0 at home), has 8 to 15 digits,
 * and its groups are separated by a space, a hyphen, a dot or a bracket.
 */
function readPhone(text: string, start: number): Token | null {
  const plus = text[start - 1] === '+' ? 1 : text[start - 2] === '+' && text[start - 1] === ' ' ? 2 : 0
  const opening = text[start - 1] === '(' || (plus > 0 && text[start - 1 - plus] === '(')
  if (plus === 0 && !/[0\u17e0]/.test(text[start]!)) return null
  let digits = ''
  let i = start
  let groups = 0
  let bracketOpen = opening
  for (;;) {
    const runStart = i
    while (i < text.length && isDigit(text[i])) i++
    if (i === runStart) break
    digits += toLatinDigits(text.slice(runStart, i))
    groups++
    if (digits.length > 15) return null
    // A separator: `) `, `)`, ` `, `-`, `.`, ` - `, `(0)`; it must be followed by a digit.
    const rest = text.slice(i, i + 4)
    const separator = /^(?:\)\s?|\s?[-.]\s?|\s(?:\(0\)\s?)?|\(0\)\s?)/.exec(rest)?.[0]
    if (!separator || !isDigit(text[i + separator.length])) break
    if (separator.includes(')') && !separator.includes('(')) {
      if (!bracketOpen) break
      bracketOpen = false
    }
    i += separator.length
  }
  if (digits.length < 8) return null
  if (plus === 0 && groups === 1 && digits.length < 9) return null
  const national = plus > 0 && digits.startsWith('855') ? `0${digits.slice(3).replace(/^0/, '')}` : plus > 0 ? `+${digits}` : digits
  const from = start - plus - (opening ? 1 : 0)
  return {type: 'phone', start: from, end: i, digits: national, text: text.slice(from, i)}
}

function readNumeral(text: string, start: number): NumberToken {
  let i = start
  while (isDigit(text[i])) i++
  const firstGroup = i - start
  let grouped = false
  let spaced = false
  let punctuated = false
  for (;;) {
    const separator = text[i]
    if ((separator === ',' || separator === '.') && isDigit(text[i + 1]) && !spaced) {
      punctuated = true
      i++
      while (isDigit(text[i])) i++
      continue
    }
    // A space groups thousands when three digits follow and the number before is one to three digits (`៨៥ ០០០`, `២ ៨៨៨ ៤៦១`).
    if (
      separator !== undefined &&
      groupSpace.test(separator) &&
      !punctuated &&
      (spaced || (firstGroup <= 3 && !/[0\u17e0]/.test(text[start]!))) &&
      isDigit(text[i + 1]) &&
      isDigit(text[i + 2]) &&
      isDigit(text[i + 3]) &&
      !isDigit(text[i + 4]) &&
      !(text[i + 4] !== undefined && /[.,]/.test(text[i + 4]!) && isDigit(text[i + 5]))
    ) {
      spaced = true
      grouped = true
      i += 4
      continue
    }
    break
  }
  const written = text.slice(start, i)
  const compact = written.replace(/[ \u00a0\u2009\u202f]/g, '')
  const value = parseNumeral(compact) ?? 0
  const latin = toLatinDigits(compact)
  const separators = latin.match(/[.,]/g) ?? []
  if (!spaced && separators.length > 0) grouped = value >= 1000 && Number.isInteger(value) && /[.,]\d{3}$/.test(latin)
  const decimal = !Number.isInteger(value)
  let end = i
  let ordinal = false
  const suffix = /^(?:st|nd|rd|th)(?![A-Za-z])/i.exec(text.slice(end, end + 3))
  if (suffix && /[0-9]/.test(text[end - 1]!)) {
    ordinal = true
    end += suffix[0].length
  }
  const before = text[start - 1]
  const beforeDash = before !== undefined && /[-/]/.test(before) && isLetter(text[start - 2])
  const glued = /[A-Za-z]/.test(before ?? '') && !afterCurrencyCode(text, start)
  const after = text[end]
  const followedByLetter = !ordinal && /[A-Za-z]/.test(after ?? '') && !matchWord(text, end)
  // An item label: `១.ឈ្មោះ`, or a number that opens its line followed by `.` or `)`.
  const label = /[.)]/.test(after ?? '') && (isLetter(text[end + 1]) || opensLine(text, start))
  return {
    type: 'number',
    start,
    end,
    value,
    digits: latin.split(/[.,]/).slice(0, decimal ? -1 : undefined).join(''),
    grouped,
    decimal,
    ordinal,
    attached: beforeDash || glued || followedByLetter || label,
    text: text.slice(start, end)
  }
}

/** Whether only a few spaces stand between `at` and the start of its line. */
function opensLine(text: string, at: number): boolean {
  let i = at
  while (i > 0 && at - i < 8 && /[ \t\u00a0]/.test(text[i - 1]!)) i--
  return i === 0 || text[i - 1] === '\n'
}

/** Whether the letters right before `at` are a currency code (`USD1,000`), not a code with a number in it (`G20`). */
function afterCurrencyCode(text: string, at: number): boolean {
  let from = at
  while (from > 0 && at - from < 4 && /[A-Za-z]/.test(text[from - 1]!)) from--
  const match = matchWord(text, from)
  return match !== null && match.end === at && match.word.kind === 'currency'
}
