import type {Lang} from '../release/model.js'
import type {Currency, Fact, FactValue} from './extract.js'
import {khmerMonths} from './lexicon.js'
import {groupThousands, toKhmerDigits} from './numerals.js'

export type DigitStyle = 'khmer' | 'latin' | 'either'

const englishMonths = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']

/** `2026-02-18` → `18 February 2026`, as the letterhead writes it. */
export function formatEnglishDate(iso: string): string {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number]
  return `${day} ${englishMonths[month - 1]} ${year}`
}

/**
 * `2026-02-18` → `ថ្ងៃទី១៨ ខែ កុម្ភៈ ឆ្នាំ២០២៦`, the form of the letterhead
 * (Intl.DateTimeFormat has no ថ្ងៃទី/ខែ/ឆ្នាំ form, so it is built here).
 */
export function formatKhmerDate(iso: string, digits: DigitStyle = 'khmer'): string {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number]
  const d = (n: number) => (digits === 'latin' ? String(n) : toKhmerDigits(String(n)))
  return `ថ្ងៃទី${d(day)} ខែ ${khmerMonths[month - 1]![0]} ឆ្នាំ${d(year)}`
}

const enCurrency: Record<Currency, (amount: string) => string> = {
  USD: (a) => `US$${a}`,
  JPY: (a) => `¥${a}`,
  KHR: (a) => `KHR ${a}`,
  EUR: (a) => `€${a}`,
  THB: (a) => `THB ${a}`
}
const kmCurrency: Record<Currency, string> = {USD: 'ដុល្លារអាមេរិក', JPY: 'យ៉េន', KHR: 'រៀល', EUR: 'អឺរ៉ូ', THB: 'បាត'}

/** Scale words a value may be written with, largest first. */
const scaleWords: Record<Lang, Array<[number, string]>> = {
  en: [[1e12, 'trillion'], [1e9, 'billion'], [1e6, 'million'], [1e3, 'thousand']],
  km: [[1e12, 'ពាន់ប៊ីលាន'], [1e9, 'ពាន់លាន'], [1e6, 'លាន'], [1e5, 'សែន'], [1e4, 'ម៉ឺន'], [1e3, 'ពាន់']]
}

/** Khmer digits unless the house style is Latin. */
function digitsFor(into: Lang, digits: DigitStyle): (text: string) => string {
  return into === 'km' && digits !== 'latin' ? toKhmerDigits : (text) => text
}

/**
 * A value written the way the other language writes it: the fix a message
 * suggests. An amount written with a scale word keeps one (`US$47
 * trillion` → `៤៧ ពាន់ប៊ីលានដុល្លារអាមេរិក`); a figure keeps its grouping
 * or lack of it (a year is `២០២៦`, never `២,០២៦`).
 */
export function renderValue(value: FactValue, into: Lang, digits: DigitStyle): string {
  const d = digitsFor(into, digits)
  switch (value.type) {
    case 'amount': {
      const scaled = value.scale === null ? null : withScale(value.value, value.scale, into)
      const number = scaled ? `${d(scaled[0])} ${scaled[1]}` : d(groupThousands(value.value))
      if (into === 'en') return enCurrency[value.currency](number)
      return scaled ? `${number}${kmCurrency[value.currency]}` : `${number} ${kmCurrency[value.currency]}`
    }
    case 'date': {
      if (value.year !== null) return into === 'en' ? formatEnglishDate(isoOf(value)) : formatKhmerDate(isoOf(value), digits)
      return into === 'en' ? `${value.day} ${englishMonths[value.month - 1]}` : `ថ្ងៃទី${d(String(value.day))} ខែ ${khmerMonths[value.month - 1]![0]}`
    }
    case 'number': {
      const written = value.grouped ? groupThousands(value.value) : String(value.value)
      return `${d(written)}${value.percent ? '%' : ''}`
    }
    case 'phone':
      return formatPhone(value.digits)
    case 'time': {
      const clock = `${value.hour}:${String(value.minute).padStart(2, '0')}`
      return into === 'en' ? clock : `ម៉ោង ${d(clock)}`
    }
    case 'era-year':
      return into === 'en' ? `${value.year} BE` : `ព.ស.${d(String(value.year))}`
  }
}

/** A fact written the way the other language writes it. */
export function renderFact(fact: Fact, into: Lang, digits: DigitStyle): string {
  return renderValue(fact.value, into, digits)
}

/** `[47, 'trillion']` for 47e12 with scale 1e12; null when the value is not a round number of a scale the language has. */
function withScale(value: number, scale: number, into: Lang): [string, string] | null {
  for (const [size, word] of scaleWords[into]) {
    if (size > scale * 1000 || size > value) continue
    const count = Number((value / size).toPrecision(12))
    // Two decimals at most: `76.001 thousand` would read as 76,001 thousand.
    if (count >= 1000 || !/^\d+(?:\.\d{1,2})?$/.test(String(count))) continue
    return [String(count), word]
  }
  return null
}

function isoOf(value: {year: number | null; month: number; day: number}): string {
  return `${value.year}-${String(value.month).padStart(2, '0')}-${String(value.day).padStart(2, '0')}`
}

/** `023217161` → `023 217 161`; other lengths in groups of three from the end, the first group two or three long. */
function formatPhone(digits: string): string {
  if (digits.startsWith('+')) return digits
  const groups: string[] = []
  for (let end = digits.length; end > 0; end -= 3) groups.unshift(digits.slice(Math.max(0, end - 3), end))
  if (groups.length > 1 && groups[0]!.length === 1) groups.splice(0, 2, groups[0]! + groups[1]!)
  return groups.join(' ')
}

/** What a fact says, in a message or the preview: `USD 1,000,000`, `25 March 2026`, `14:00`, `2569 BE`. */
export function describeKey(fact: Fact): string {
  const value = fact.value
  switch (value.type) {
    case 'amount':
      return `${value.currency} ${groupThousands(value.value)}`
    case 'date':
      return renderValue(value, 'en', 'latin')
    case 'number':
      return `${value.grouped ? groupThousands(value.value) : value.value}${value.percent ? '%' : ''}`
    case 'phone':
      return `phone ${formatPhone(value.digits)}`
    case 'time':
      return renderValue(value, 'en', 'latin')
    case 'era-year':
      return `${value.year} BE`
  }
}
