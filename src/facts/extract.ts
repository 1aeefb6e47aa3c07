import type {Lang, Section, TextNode} from '../release/model.js'
import {sectionTextNodes} from '../release/text.js'
import {digitClass, numeralPattern, parseNumeral, toLatinDigits} from './numerals.js'

/**
 * Facts are the things a translation must carry over unchanged: money
 * amounts, dates and other figures. Each is found in one text node and keeps
 * where it is, so checks can point at it and the preview can pair it with
 * its twin in the other language.
 */
export type FactKind = 'amount' | 'date' | 'number'

export interface Fact {
  kind: FactKind
  lang: Lang
  /** What pairs with what: `USD 1000000`, `2026-02-18`, `2026`. */
  key: string
  /** As written. */
  text: string
  node: TextNode
  /** UTF-16 offset of the fact in `node.value`. */
  index: number
}

export type Currency = 'USD' | 'JPY' | 'KHR' | 'EUR'

const gap = '[\\s\\u00A0\\u200B]*'

// English -----------------------------------------------------------------

const enScales: Record<string, number> = {thousand: 1e3, million: 1e6, billion: 1e9, bn: 1e9, m: 1e6, k: 1e3}
const enPrefix: Array<[string, Currency]> = [
  ['US\\$', 'USD'], ['USD', 'USD'], ['\\$', 'USD'], ['JPY', 'JPY'], ['¥', 'JPY'], ['KHR', 'KHR'], ['EUR', 'EUR'], ['€', 'EUR']
]
const enSuffix: Array<[string, Currency]> = [
  ['US dollars?', 'USD'], ['United States dollars?', 'USD'], ['dollars?', 'USD'], ['USD', 'USD'],
  ['Japanese yen', 'JPY'], ['yen', 'JPY'], ['JPY', 'JPY'],
  ['Cambodian riels?', 'KHR'], ['riels?', 'KHR'], ['KHR', 'KHR'],
  ['euros?', 'EUR'], ['EUR', 'EUR']
]
const enScale = `(?:${gap}(?<scale>thousand|million|billion|bn|m|k)\\b)?`
const enAmount = new RegExp(
  [
    `(?<![\\w$¥€])(?<pre>${enPrefix.map(([p]) => p).join('|')})${gap}(?<num>${numeralPattern})${enScale}`,
    `(?<![\\w.,])(?<num2>${numeralPattern})(?:${gap}(?<scale2>thousand|million|billion)\\b)?${gap}(?<post>${enSuffix.map(([p]) => p).join('|')})\\b`
  ].join('|'),
  'giu'
)

const enMonths = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']
const enMonthPattern = `(?:${enMonths.map((m) => `${m}|${m.slice(0, 3)}\\.?`).join('|')}|sept\\.?)`
const enDate = new RegExp(
  [
    `\\b(?<d>\\d{1,2})(?:st|nd|rd|th)?${gap}(?:of${gap})?(?<m>${enMonthPattern})(?:,?${gap}(?<y>\\d{4}))?(?![\\w])`,
    `\\b(?<m2>${enMonthPattern})${gap}(?<d2>\\d{1,2})(?:st|nd|rd|th)?(?:,?${gap}(?<y2>\\d{4}))?(?![\\w])`
  ].join('|'),
  'giu'
)

// Khmer -------------------------------------------------------------------

const kmScales: Array<[string, number]> = [['ប៊ីលាន', 1e9], ['លាន', 1e6], ['សែន', 1e5], ['ម៉ឺន', 1e4], ['ពាន់', 1e3]]
const kmCurrencies: Array<[string, Currency]> = [
  ['ដុល្លារ[\\u200B]?អាមេរិក', 'USD'], ['ដុល្លារ', 'USD'], ['US\\$', 'USD'], ['USD', 'USD'], ['\\$', 'USD'],
  ['យ៉េន', 'JPY'], ['JPY', 'JPY'], ['¥', 'JPY'],
  ['រៀល', 'KHR'], ['៛', 'KHR'], ['KHR', 'KHR'],
  ['អឺរ៉ូ', 'EUR'], ['EUR', 'EUR'], ['€', 'EUR']
]
const kmScalePattern = kmScales.map(([s]) => s).join('|')
const kmCurrencyPattern = kmCurrencies.map(([c]) => c).join('|')
const kmCurrencyWord = 'ដុល្លារ[\\u200B]?អាមេរិក|ដុល្លារ|យ៉េន|រៀល|អឺរ៉ូ'
const kmAmount = new RegExp(
  [
    `(?<pre>US\\$|\\$|៛|USD|KHR|JPY|¥|€)${gap}(?<num>${numeralPattern})(?<scales>(?:${gap}(?:${kmScalePattern}))*)`,
    `(?<num2>${numeralPattern})(?<scales2>(?:${gap}(?:${kmScalePattern}))*)${gap}(?<post>${kmCurrencyPattern})`,
    // The currency written first (ដុល្លារអាមេរិកចំនួន ១,០០០,០០០): only a grouped
    // number or one with a scale word, so that a year after "dollar" is not an amount.
    `(?<preword>${kmCurrencyWord})${gap}(?:ចំនួន${gap})?(?<num3>${digitClass}+(?:[.,]${digitClass}{3})+|${digitClass}+(?=${gap}(?:${kmScalePattern})))(?<scales3>(?:${gap}(?:${kmScalePattern}))*)`
  ].join('|'),
  'gu'
)

/** Khmer solar month names with spellings in common use; index = month − 1. */
export const khmerMonths: readonly string[][] = [
  ['មករា'],
  ['កុម្ភៈ', 'កុម្ភះ', 'កុម្ភ:', 'កុម្ភ'],
  ['មីនា'],
  ['មេសា'],
  ['ឧសភា', 'ឧសភារ'],
  ['មិថុនា'],
  ['កក្កដា', 'កក្តដា'],
  ['សីហា'],
  ['កញ្ញា'],
  ['តុលា'],
  ['វិច្ឆិកា', 'វិច្ឆកា', 'វិច្ចិកា'],
  ['ធ្នូ']
]
const kmMonthPattern = khmerMonths
  .flat()
  .sort((a, b) => b.length - a.length)
  .map((m) => m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
  .join('|')
const kmDate = new RegExp(
  `(?:ថ្ងៃ${gap}ទី${gap})?(?<d>${digitClass}{1,2})${gap}(?:ខែ${gap})?(?<m>${kmMonthPattern})(?:${gap}(?:ឆ្នាំ${gap})?(?<y>${digitClass}{4}))?`,
  'gu'
)

// Shared ------------------------------------------------------------------

/** Spans that hold digits but no figures of the text: addresses and references. */
const ignoredSpans = /\bhttps?:\/\/\S+|\bwww\.\S+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\bNo\.?\s*\d+\s*PR-\d+\/\w+/giu

const anyNumber = new RegExp(`(?<![\\w/.-])${numeralPattern}(?:${gap}(?:%|ភាគរយ))?`, 'gu')

/** Every amount, date and other figure in a section. */
export function extractFacts(section: Section): readonly Fact[] {
  // Several rules and the preview ask for the same section's facts: the model is immutable, so keep them.
  let facts = factCache.get(section)
  if (!facts) {
    facts = sectionTextNodes(section).flatMap((node) => extractFromText(node, section.lang))
    factCache.set(section, facts)
  }
  return facts
}

const factCache = new WeakMap<Section, Fact[]>()

export function extractFromText(node: TextNode, lang: Lang): Fact[] {
  const text = node.value
  const taken: Array<[number, number]> = []
  const free = (start: number, end: number) => taken.every(([s, e]) => end <= s || start >= e)
  const facts: Fact[] = []
  const add = (kind: FactKind, key: string, index: number, written: string) => {
    taken.push([index, index + written.length])
    facts.push({kind, lang, key, text: written, node, index})
  }
  for (const match of text.matchAll(ignoredSpans)) taken.push([match.index, match.index + match[0].length])

  for (const match of text.matchAll(lang === 'en' ? enAmount : kmAmount)) {
    if (!free(match.index, match.index + match[0].length)) continue
    const amount = lang === 'en' ? readEnglishAmount(match.groups!) : readKhmerAmount(match.groups!)
    if (amount) add('amount', `${amount.currency} ${amount.value}`, match.index, match[0])
  }
  for (const match of text.matchAll(lang === 'en' ? enDate : kmDate)) {
    if (!free(match.index, match.index + match[0].length)) continue
    const date = lang === 'en' ? readEnglishDate(match.groups!) : readKhmerDate(match.groups!)
    if (date) add('date', date, match.index, match[0])
  }
  for (const match of text.matchAll(anyNumber)) {
    if (!free(match.index, match.index + match[0].length)) continue
    const numeral = /^[^%\sភ\u00A0\u200B]+/u.exec(match[0])![0]
    const value = parseNumeral(numeral)
    if (value === null) continue
    const percent = /%|ភាគរយ/.test(match[0])
    add('number', `${value}${percent ? '%' : ''}`, match.index, match[0])
  }
  return facts.sort((a, b) => a.index - b.index)
}

function readEnglishAmount(groups: Record<string, string | undefined>): {currency: Currency; value: number} | null {
  const written = groups.num ?? groups.num2
  const marker = groups.pre ?? groups.post
  if (!written || !marker) return null
  const number = parseNumeral(written)
  if (number === null) return null
  const scaleWord = (groups.scale ?? groups.scale2)?.toLowerCase()
  const table = groups.pre ? enPrefix : enSuffix
  const currency = table.find(([pattern]) => new RegExp(`^(?:${pattern})$`, 'iu').test(marker))?.[1]
  if (!currency) return null
  return {currency, value: round(number * (scaleWord ? enScales[scaleWord]! : 1))}
}

function readKhmerAmount(groups: Record<string, string | undefined>): {currency: Currency; value: number} | null {
  const written = groups.num ?? groups.num2 ?? groups.num3
  const marker = groups.pre ?? groups.post ?? groups.preword
  if (!written || !marker) return null
  const number = parseNumeral(written)
  if (number === null) return null
  let multiplier = 1
  for (const word of (groups.scales ?? groups.scales2 ?? groups.scales3 ?? '').match(new RegExp(kmScalePattern, 'gu')) ?? []) {
    multiplier *= kmScales.find(([scale]) => scale === word)![1]
  }
  const currency = kmCurrencies.find(([pattern]) => new RegExp(`^(?:${pattern})$`, 'u').test(marker))?.[1]
  if (!currency) return null
  return {currency, value: round(number * multiplier)}
}

function readEnglishDate(groups: Record<string, string | undefined>): string | null {
  const day = Number(groups.d ?? groups.d2)
  const monthName = (groups.m ?? groups.m2 ?? '').toLowerCase().replace('.', '')
  const month = monthName === 'sept' ? 9 : enMonths.findIndex((m) => m.startsWith(monthName) && monthName.length >= 3) + 1
  const year = groups.y ?? groups.y2
  return formatDate(year ? Number(year) : null, month, day)
}

function readKhmerDate(groups: Record<string, string | undefined>): string | null {
  const day = Number(toLatinDigits(groups.d ?? ''))
  const month = khmerMonths.findIndex((spellings) => spellings.includes(groups.m ?? '')) + 1
  const year = groups.y ? Number(toLatinDigits(groups.y)) : null
  return formatDate(year, month, day)
}

/** `2026-02-18`, or `--02-18` when the year is not written (ISO 8601 style). */
function formatDate(year: number | null, month: number, day: number): string | null {
  if (month < 1 || day < 1 || day > 31) return null
  const mm = String(month).padStart(2, '0')
  const dd = String(day).padStart(2, '0')
  return year === null ? `--${mm}-${dd}` : `${year}-${mm}-${dd}`
}

/** Avoids 1.1 × 1e6 = 1100000.0000000002 keys: 15 significant digits are exact in a double. */
function round(value: number): number {
  return Number(value.toPrecision(15))
}
