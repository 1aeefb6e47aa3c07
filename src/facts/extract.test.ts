import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import type {Lang} from '../release/model.js'
import {checkTexts} from '../test/project.js'
import {extractFacts, extractFromText, type Fact, type FactValue} from './extract.js'
import {groupThousands, parseNumeral, toKhmerDigits} from './numerals.js'
import {pairFacts} from './pair.js'
import {formatEnglishDate, formatKhmerDate, renderValue, type DigitStyle} from './render.js'

const keys = (text: string, lang: Lang, kind?: Fact['kind']) =>
  extractFromText(text, lang)
    .filter((fact) => !kind || fact.kind === kind)
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
    ['US$2.5bn', 'USD 2500000000'],
    ['US$5m', 'USD 5000000'],
    ['US$47 trillion', 'USD 47000000000000'],
    ['៛340,000,000', 'KHR 340000000'],
    ['340,000,000៛', 'KHR 340000000'],
    ['five million US dollars', 'USD 5000000'],
    ['US$1,234.50', 'USD 1234.5']
  ])('English %s', (text, key) => {
    expect(keys(`They give ${text} today.`, 'en', 'amount')).toEqual([key])
  })

  it.each([
    ['១,០០០,០០០ ដុល្លារអាមេរិក', 'USD 1000000'],
    ['១.០០០.០០០ ដុល្លារ', 'USD 1000000'],
    ['1,000,000 ដុល្លារអាមេរិក', 'USD 1000000'],
    ['១លានដុល្លារ', 'USD 1000000'],
    ['១ លាន ដុល្លារអាមេរិក', 'USD 1000000'],
    ['១,៥ លានដុល្លារ', 'USD 1500000'],
    ['$១,០០០,០០០', 'USD 1000000'],
    ['១០០ លានយ៉េន', 'JPY 100000000'],
    ['៤,០០០ រៀល', 'KHR 4000'],
    ['៤០០០៛', 'KHR 4000'],
    ['១០ ម៉ឺនដុល្លារ', 'USD 100000'],
    ['២ ប៊ីលានដុល្លារ', 'USD 2000000000'],
    ['ដុល្លារអាមេរិកចំនួន ១,០០០,០០០', 'USD 1000000'],
    ['ដុល្លារ ១ លាន', 'USD 1000000'],
    ['៨៥ ០០០ ដុល្លារអាមេរិក', 'USD 85000'],
    ['៤៧ ពាន់ប៊ីលានដុល្លារអាមេរិក', 'USD 47000000000000'],
    ['២.៥ពាន់លានដុល្លារ', 'USD 2500000000'],
    ['១ លាន ៥ សែនដុល្លារ', 'USD 1500000'],
    ['ប្រាំលានដុល្លារ', 'USD 5000000']
  ])('Khmer %s', (text, key) => {
    expect(keys(`ជំនួយ ${text} ។`, 'km', 'amount')).toEqual([key])
  })

  it('reads no amount where a year follows a currency word', () => {
    expect(keys('ជំនួយជាដុល្លារ ២០២៦ ។', 'km', 'amount')).toEqual([])
    expect(keys('ជំនួយជាដុល្លារ ២០២៦ ។', 'km', 'number')).toEqual(['2026'])
  })

  it('reads both ends of a range, the scale of the second applying to the first', () => {
    expect(keys('US$10-20 million', 'en')).toEqual(['USD 10000000', 'USD 20000000'])
    expect(keys('១០-២០ លានដុល្លារ', 'km')).toEqual(['USD 10000000', 'USD 20000000'])
    expect(keys('between US$500,000 and US$1 million', 'en')).toEqual(['USD 500000', 'USD 1000000'])
  })

  it('flags Khmer scale words out of order, reading the sum', () => {
    const [fact] = extractFromText('៥ សែន ២ លានដុល្លារ', 'km')
    expect(fact!.key).toBe('USD 2500000')
    expect(fact!.problem?.expected).toBe('២ លាន ៥ សែន')
  })
})

describe('dates', () => {
  it.each([
    ['18 February 2026', '2026-02-18'],
    ['February 18, 2026', '2026-02-18'],
    ['18th Feb. 2026', '2026-02-18'],
    ['Wednesday, 18 February 2026', '2026-02-18'],
    ['the 18th of February, 2026', '2026-02-18'],
    ['3 March', '--03-03'],
    ['2026-03-25', '2026-03-25'],
    ['25/03/2026', '2026-03-25'],
    ['03/25/2026', '2026-03-25']
  ])('English %s', (text, key) => {
    expect(keys(`Signed on ${text}.`, 'en', 'date')).toEqual([key])
  })

  it.each([
    ['ថ្ងៃទី១៨ ខែ កុម្ភៈ ឆ្នាំ២០២៦', '2026-02-18'],
    ['ថ្ងៃទី ១៨ ខែកុម្ភៈ ឆ្នាំ ២០២៦', '2026-02-18'],
    ['១៨ កុម្ភៈ ២០២៦', '2026-02-18'],
    ['18 កុម្ភៈ 2026', '2026-02-18'],
    ['ថ្ងៃទី២ ខែ វិច្ឆិកា', '--11-02'],
    ['ថ្ងៃទី២៥ ខែ៣ ឆ្នាំ២០២៦', '2026-03-25'],
    ['ថ្ងៃទី ២៥/០៣/២០២៦', '2026-03-25'],
    ['២៥-០៣-២០២៦', '2026-03-25'],
    ['ថ្ងៃពុធ ទី១៨ ខែកុម្ភៈ ឆ្នាំ២០២៦', '2026-02-18'],
    ['ឆ្នាំ២០២៦ ខែមីនា ថ្ងៃទី២៥', '2026-03-25'],
    ['ថ្ងៃទី២៥ ខែមីនា គ.ស.២០២៦', '2026-03-25']
  ])('Khmer %s', (text, key) => {
    expect(keys(`នៅ ${text} ។`, 'km', 'date')).toEqual([key])
  })

  it('reads two days of one month as two dates', () => {
    expect(keys('18-20 February 2026', 'en', 'date')).toEqual(['2026-02-18', '2026-02-20'])
    expect(keys('ពីថ្ងៃទី២០ ដល់ថ្ងៃទី២២ ខែធ្នូ ឆ្នាំ២០២៦', 'km', 'date')).toEqual(['2026-12-20', '2026-12-22'])
  })

  it('reads a misspelt month as the month it is nearest to, with a problem naming it', () => {
    const [fact] = extractFromText('ថ្ងៃទី២៥ ខែ មិនា ឆ្នាំ២០២៦', 'km')
    expect(fact).toMatchObject({key: '2026-03-25', problem: {expected: 'មីនា'}})
    expect(extractFromText('ខែមុន ខែនេះ', 'km')).toEqual([])
  })

  it('keeps lunar dates and Buddhist-era years apart from solar dates and Gregorian years', () => {
    expect(keys('ថ្ងៃច័ន្ទ ១៤រោច ខែមាឃ ឆ្នាំម្សាញ់ សប្តស័ក ព.ស.២៥៦៩', 'km')).toEqual(['BE 2569'])
  })

  it('recognises every month as the letterhead writes it', () => {
    for (let month = 1; month <= 12; month++) {
      const iso = `2026-${String(month).padStart(2, '0')}-09`
      expect(keys(formatKhmerDate(iso), 'km', 'date')).toEqual([iso])
    }
  })

  it('pairs a date without a year with the same day and month', () => {
    const en = extractFromText('on 18 February', 'en')
    const km = extractFromText('ថ្ងៃទី១៨ ខែ កុម្ភៈ ឆ្នាំ២០២៦', 'km')
    expect(pairFacts(en, km).pairs).toHaveLength(1)
  })
})

describe('other figures', () => {
  it('finds counts and percentages, not digits of addresses, references and codes', () => {
    expect(keys('1,200 workers, 40% women, see https://x.org/2026 or No. 10 PR-26/EoJ, a@b2026.org', 'en', 'number')).toEqual(['1200', '40%'])
    expect(keys('ពលករ ១,២០០ នាក់ ៤០ ភាគរយ លេខ ១២ PR-២៦/EoJ', 'km', 'number')).toEqual(['1200', '40%'])
  })

  it('reads digits after a slash, a dot or a dash as whole numbers', () => {
    expect(keys('(១២០/១៣០)', 'km')).toEqual(['120', '130'])
    expect(keys('grades 1-6', 'en')).toEqual(['1', '6'])
    expect(keys('ថ្នាក់ទី១-៥', 'km')).toEqual(['1', '5'])
  })

  it('reads percent in words and numbers in words, the words softly', () => {
    expect(keys('60 percent, 60 per cent, 60 pc', 'en')).toEqual(['60%', '60%', '60%'])
    const words = extractFromText('twelve projects and a dozen schools', 'en')
    expect(words.map((fact) => [fact.key, fact.soft])).toEqual([['12', true], ['12', true]])
    expect(keys('គម្រោងដប់ពីរ', 'km')).toEqual(['12'])
  })

  it('reads phone numbers whole, in national form', () => {
    expect(keys('+855 23 217 161, 023 217 161, (023) 217-161, ០២៣ ២១៧ ១៦១', 'en')).toEqual(Array(4).fill('tel 023217161'))
    expect(keys('023 161 217', 'en')).toEqual(['tel 023161217'])
  })

  it('reads times on a 24-hour clock', () => {
    expect(keys('2 p.m., 14:30, 9:00 a.m.', 'en')).toEqual(['time 14:00', 'time 14:30', 'time 09:00'])
    expect(keys('ម៉ោង ២ រសៀល ម៉ោង ៨:០០នាទីព្រឹក', 'km')).toEqual(['time 14:00', 'time 08:00'])
  })

  it('parses numerals with either grouping convention', () => {
    expect(parseNumeral('១.០០០.០០០')).toBe(1_000_000)
    expect(parseNumeral('1,5')).toBe(1.5)
    expect(parseNumeral('1,00,000')).toBe(100_000)
    expect(parseNumeral('១,០០០,០០')).toBe(100_000)
    expect(parseNumeral('1,234.567')).toBe(1234.567)
    expect(parseNumeral('១.២៣៤,៥')).toBe(1234.5)
  })
})

describe('text as a reader sees it', () => {
  it('reads an amount split by emphasis and a link, and points at both pieces', () => {
    const text = [
      '---', 'ref: No. 10 PR-26/EoJ', 'date: 2026-02-18', '---', '# English', '## Grant', '', 'The grant is **85,000** US dollars.',
      '# ខ្មែរ', '## ជំនួយ', '', 'ជំនួយចំនួន **៨៥,០០០** [ដុល្លារអាមេរិក](https://example.org)។', ''
    ].join('\n')
    const [entry] = checkTexts({'releases/2026/010-a.md': text})
    const km = extractFacts(entry!.release.sections.km!)
    expect(km.map((fact) => [fact.key, fact.text, fact.spans.map((span) => span.node.value.slice(span.start, span.end))])).toEqual([
      ['USD 85000', '៨៥,០០០ ដុល្លារអាមេរិក', ['៨៥,០០០', ' ', 'ដុល្លារអាមេរិក']]
    ])
    expect(entry!.file.messages.filter((m) => /mismatch/.test(m.ruleId ?? ''))).toEqual([])
  })
})

/*
 * Property tests: whatever pressroom writes, it reads back as the same
 * value: the hints of messages (renderValue) in both languages and digit
 * styles, and the dates of the letterhead, site and e-mail.
 */
const digitStyles: DigitStyle[] = ['khmer', 'latin', 'either']
/** Reading is quick: 2,000 runs by default, more with FUZZ_RUNS. */
const runs = {numRuns: Math.max(2000, Number(process.env.FUZZ_RUNS ?? 0))}
const currencies = ['USD', 'JPY', 'KHR', 'EUR', 'THB'] as const
const isoDate = fc
  .record({year: fc.integer({min: 1900, max: 2099}), month: fc.integer({min: 1, max: 12}), day: fc.integer({min: 1, max: 31})})
  .filter(({year, month, day}) => new Date(Date.UTC(year, month - 1, day)).getUTCDate() === day)
const amount = fc.oneof(
  fc.integer({min: 1, max: 10 ** 12}),
  fc.integer({min: 1, max: 10 ** 7}).map((cents) => cents / 100),
  fc.tuple(fc.integer({min: 1, max: 999}), fc.constantFrom(1e3, 1e6, 1e9, 1e12)).map(([n, scale]) => n * scale)
)
const scale = fc.constantFrom(null, 1e3, 1e6, 1e9, 1e12)

describe('what pressroom writes reads back as the same value', () => {
  it('amounts, with or without a scale word, in both languages and digit styles', () => {
    fc.assert(
      fc.property(amount, fc.constantFrom(...currencies), scale, fc.constantFrom(...digitStyles), (value, currency, scaleOf, digits) => {
        const fact: FactValue = {type: 'amount', currency, value, scale: scaleOf}
        for (const lang of ['en', 'km'] as const) {
          const written = renderValue(fact, lang, digits)
          const read = extractFromText(lang === 'en' ? `It gives ${written} this year.` : `ជំនួយ ${written} ក្នុងឆ្នាំនេះ។`, lang)
          expect(read.map((f) => f.key), written).toEqual([`${currency} ${value}`])
        }
      }),
      runs
    )
  })

  it('dates, as the letterhead, the site, the e-mail and the messages write them', () => {
    fc.assert(
      fc.property(isoDate, fc.constantFrom(...digitStyles), fc.boolean(), ({year, month, day}, digits, withYear) => {
        const iso = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
        const key = withYear ? iso : iso.slice(4)
        const value: FactValue = {type: 'date', year: withYear ? year : null, month, day}
        const texts: Array<[Lang, string]> = [
          ['en', renderValue(value, 'en', digits)],
          ['km', renderValue(value, 'km', digits)]
        ]
        if (withYear) texts.push(['en', formatEnglishDate(iso)], ['km', formatKhmerDate(iso, digits)])
        for (const [lang, written] of texts) expect(keys(`${written}`, lang), written).toEqual([withYear ? key : `-${key}`])
      }),
      runs
    )
  })

  it('figures, percentages, times and Buddhist-era years', () => {
    const value = fc.oneof(
      fc.integer({min: 0, max: 10 ** 9}).map((n): FactValue => ({type: 'number', value: n, percent: false, grouped: n >= 1000})),
      fc.integer({min: 0, max: 100}).map((n): FactValue => ({type: 'number', value: n, percent: true, grouped: false})),
      fc.integer({min: 1900, max: 2100}).map((n): FactValue => ({type: 'number', value: n, percent: false, grouped: false})),
      fc.record({hour: fc.integer({min: 0, max: 23}), minute: fc.integer({min: 0, max: 59})}).map(({hour, minute}): FactValue => ({type: 'time', hour, minute})),
      fc.integer({min: 2400, max: 2700}).map((year): FactValue => ({type: 'era-year', year}))
    )
    fc.assert(
      fc.property(value, fc.constantFrom(...digitStyles), (fact, digits) => {
        for (const lang of ['en', 'km'] as const) {
          const written = renderValue(fact, lang, digits)
          const read = extractFromText(lang === 'en' ? `Then ${written} here.` : `នៅ ${written} នេះ។`, lang)
          expect(read.map((f) => f.value), written).toEqual([fact])
        }
      }),
      runs
    )
  })

  it('any grouped amount in Khmer digits reads as the same value as in Latin digits', () => {
    fc.assert(
      fc.property(fc.integer({min: 1, max: 10 ** 12}), (value) => {
        const latin = groupThousands(value)
        expect(keys(`US$${latin}`, 'en')).toEqual([`USD ${value}`])
        expect(keys(`${toKhmerDigits(latin)} ដុល្លារអាមេរិក`, 'km')).toEqual([`USD ${value}`])
      })
    )
  })
})
