import type {Lang} from '../release/model.js'
import type {Currency, Fact} from './extract.js'
import {khmerMonths} from './extract.js'
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
  EUR: (a) => `€${a}`
}
const kmCurrency: Record<Currency, string> = {USD: 'ដុល្លារអាមេរិក', JPY: 'យ៉េន', KHR: 'រៀល', EUR: 'អឺរ៉ូ'}

/** A fact written the way the other language writes it: the hint in mismatch messages. */
export function renderFact(fact: Fact, into: Lang, digits: DigitStyle): string {
  const number = (value: number) => {
    const grouped = groupThousands(value)
    return into === 'km' && digits !== 'latin' ? toKhmerDigits(grouped) : grouped
  }
  switch (fact.kind) {
    case 'amount': {
      const [currency, value] = fact.key.split(' ') as [Currency, string]
      return into === 'en' ? enCurrency[currency](number(Number(value))) : `${number(Number(value))} ${kmCurrency[currency]}`
    }
    case 'date': {
      const iso = fact.key.startsWith('--') ? null : fact.key
      if (iso) return into === 'en' ? formatEnglishDate(iso) : formatKhmerDate(iso, digits)
      const [month, day] = fact.key.slice(2).split('-').map(Number) as [number, number]
      return into === 'en'
        ? `${day} ${englishMonths[month - 1]}`
        : `ថ្ងៃទី${digits === 'latin' ? day : toKhmerDigits(String(day))} ខែ ${khmerMonths[month - 1]![0]}`
    }
    case 'number': {
      const percent = fact.key.endsWith('%')
      return `${number(Number(fact.key.replace('%', '')))}${percent ? '%' : ''}`
    }
  }
}

/** `USD 1000000` → `USD 1,000,000`, for messages. */
export function describeKey(fact: Fact): string {
  if (fact.kind !== 'amount') return fact.key
  const [currency, value] = fact.key.split(' ')
  return `${currency} ${groupThousands(Number(value))}`
}
