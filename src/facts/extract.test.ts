import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import type {Lang, TextNode} from '../release/model.js'
import {extractFromText} from './extract.js'
import {groupThousands, parseNumeral, toKhmerDigits} from './numerals.js'
import {pairFacts} from './pair.js'
import {formatKhmerDate} from './render.js'

const node = (value: string): TextNode => ({
  type: 'text',
  value,
  position: {start: {line: 1, column: 1, offset: 0}, end: {line: 1, column: value.length + 1, offset: value.length}}
})
const keys = (text: string, lang: Lang, kind = 'amount') =>
  extractFromText(node(text), lang)
    .filter((fact) => fact.kind === kind)
    .map((fact) => fact.key)

describe('amounts', () => {
  it.each([
    ['US$1,000,000', 'USD 1000000'],
    ['$1,000,000', 'USD 1000000'],
    ['USD 1,000,000', 'USD 1000000'],
    ['US$1 million', 'USD 1000000'],
    ['US$1.5 million', 'USD 1500000'],
    ['1,000,000 US dollars', 'USD 1000000'],
    ['JPY 100 million', 'JPY 100000000'],
    ['¥100 million', 'JPY 100000000'],
    ['KHR 4,000', 'KHR 4000'],
    ['4,000 riels', 'KHR 4000'],
    ['US$2.5bn', 'USD 2500000000']
  ])('English %s', (text, key) => {
    expect(keys(`They give ${text} today.`, 'en')).toEqual([key])
  })

  it.each([
    ['១,០០០,០០០ ដុល្លារអាមេរិក', 'USD 1000000'],
    ['១.០០០.០០០ ដុល្លារ', 'USD 1000000'],
    ['1,000,000 ដុល្លារអាមេរិក', 'USD 1000000'],
    ['១លានដុល្លារ', 'USD 1000000'],
    ['១ លាន ដុល្លារអាមេរិក', 'USD 1000000'],
    ['១,៥ លានដុល្លារ', 'USD 1500000'],
    ['$១,០០០,០០០', 'USD 1000000'],
    ['ដុល្លារ\u200Bអាមេរិក', null],
    ['១០០ លានយ៉េន', 'JPY 100000000'],
    ['៤,០០០ រៀល', 'KHR 4000'],
    ['៤០០០៛', 'KHR 4000'],
    ['១០ ម៉ឺនដុល្លារ', 'USD 100000'],
    ['២ ប៊ីលានដុល្លារ', 'USD 2000000000'],
    ['ដុល្លារអាមេរិកចំនួន ១,០០០,០០០', 'USD 1000000'],
    ['ដុល្លារ ១ លាន', 'USD 1000000'],
    ['ដុល្លារ ២០២៦', null]
  ])('Khmer %s', (text, key) => {
    expect(keys(`ជំនួយ ${text} ។`, 'km')).toEqual(key ? [key] : [])
  })

  it('pairs the seed forms and finds a wrong amount', () => {
    const en = extractFromText(node('US$1,000,000 and US$1 million'), 'en')
    const good = extractFromText(node('១,០០០,០០០ ដុល្លារអាមេរិក និង ១លានដុល្លារ'), 'km')
    expect(pairFacts(en, good, 'amount')).toMatchObject({onlyEn: [], onlyKm: []})
    const bad = extractFromText(node('១,០០០,០០០ ដុល្លារអាមេរិក និង ១០០,០០០ ដុល្លារ'), 'km')
    const pairing = pairFacts(en, bad, 'amount')
    expect(pairing.onlyEn.map((f) => f.text)).toEqual(['US$1 million'])
    expect(pairing.onlyKm.map((f) => f.text)).toEqual(['១០០,០០០ ដុល្លារ'])
  })

  it('reads any grouped amount in Khmer digits as the same value as in Latin digits', () => {
    fc.assert(
      fc.property(fc.integer({min: 1, max: 10 ** 12}), (value) => {
        const latin = groupThousands(value)
        expect(keys(`US$${latin}`, 'en')).toEqual([`USD ${value}`])
        expect(keys(`${toKhmerDigits(latin)} ដុល្លារអាមេរិក`, 'km')).toEqual([`USD ${value}`])
      })
    )
  })
})

describe('dates', () => {
  it.each([
    ['18 February 2026', '2026-02-18'],
    ['February 18, 2026', '2026-02-18'],
    ['18th Feb. 2026', '2026-02-18'],
    ['3 March', '--03-03']
  ])('English %s', (text, key) => {
    expect(keys(`Signed on ${text}.`, 'en', 'date')).toEqual([key])
  })

  it.each([
    ['ថ្ងៃទី១៨ ខែ កុម្ភៈ ឆ្នាំ២០២៦', '2026-02-18'],
    ['ថ្ងៃទី ១៨ ខែកុម្ភៈ ឆ្នាំ ២០២៦', '2026-02-18'],
    ['១៨ កុម្ភៈ ២០២៦', '2026-02-18'],
    ['18 កុម្ភៈ 2026', '2026-02-18'],
    ['ថ្ងៃទី២ ខែ វិច្ឆិកា', '--11-02']
  ])('Khmer %s', (text, key) => {
    expect(keys(`នៅ ${text} ។`, 'km', 'date')).toEqual([key])
  })

  it('recognises every month as the letterhead writes it', () => {
    for (let month = 1; month <= 12; month++) {
      const iso = `2026-${String(month).padStart(2, '0')}-09`
      expect(keys(formatKhmerDate(iso), 'km', 'date')).toEqual([iso])
    }
  })

  it('pairs a date without a year with the same day and month', () => {
    const en = extractFromText(node('on 18 February'), 'en')
    const km = extractFromText(node('ថ្ងៃទី១៨ ខែ កុម្ភៈ ឆ្នាំ២០២៦'), 'km')
    expect(pairFacts(en, km, 'date').pairs).toHaveLength(1)
  })
})

describe('other figures', () => {
  it('finds counts and percentages, not digits of addresses and references', () => {
    expect(keys('1,200 workers, 40% women, see https://x.org/2026 or No. 10 PR-26/EoJ', 'en', 'number')).toEqual(['1200', '40%'])
    expect(keys('ពលករ ១,២០០ នាក់ ៤០ ភាគរយ', 'km', 'number')).toEqual(['1200', '40%'])
  })

  it('parses numerals with either grouping convention', () => {
    expect(parseNumeral('១.០០០.០០០')).toBe(1_000_000)
    expect(parseNumeral('1,5')).toBe(1.5)
    expect(parseNumeral('1,00,000')).toBe(100_000)
    expect(parseNumeral('១,០០០,០០')).toBe(100_000)
  })
})
