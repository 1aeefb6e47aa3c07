import leven from 'leven'
import type {Lang, Section} from '../release/model.js'
import {englishMonths, khmerLunarMonths, khmerMonths, type Currency, type Word} from './lexicon.js'
import {sectionRuns, spansOf, type NodeSpan, type TextRun} from './runs.js'
import {toLatinDigits} from './numerals.js'
import {scanTokens, type NumberToken, type Token} from './scan.js'

export type {Currency} from './lexicon.js'
export {khmerMonths} from './lexicon.js'

/**
 * Facts are the things a translation must carry over unchanged: money
 * amounts, dates and other figures (counts, percentages, years, times,
 * phone numbers). Each is read from the text as a reader sees it, across
 * emphasis and links, and keeps the pieces of text nodes it covers so that
 * checks can point at it and the preview can pair it with its twin.
 */
export type FactKind = 'amount' | 'date' | 'number'

/** What a fact says, in a form either language can be written from. */
export type FactValue =
  | {type: 'amount'; currency: Currency; value: number; scale: number | null}
  | {type: 'date'; year: number | null; month: number; day: number}
  | {type: 'number'; value: number; percent: boolean; grouped: boolean}
  | {type: 'phone'; digits: string}
  | {type: 'time'; hour: number; minute: number}
  | {type: 'era-year'; year: number}

/** A slip inside one fact, whatever the other language says. */
export interface FactProblem {
  /** What is wrong, as the end of a sentence about the fact: `is not a date: February 2026 has 28 days`. */
  reason: string
  /** What to write instead, when it is certain. */
  expected?: string
}

export interface Fact {
  kind: FactKind
  lang: Lang
  /** What pairs with what: `USD 1000000`, `2026-02-18`, `--02-18`, `2026`, `60%`, `tel 023217161`, `time 14:00`, `BE 2569`. */
  key: string
  /** Other readings it may pair by: a numeric date that reads both ways (`03/04/2026`), an hour without a.m. or p.m. */
  alternates: readonly string[]
  /** As a reader sees it. */
  text: string
  /** The parts of text nodes it covers, first to last. */
  spans: readonly NodeSpan[]
  /** Where it starts in the source (UTF-16 offset), for reading order. */
  offset: number
  /**
   * A figure that may not be one (a number written in words, `one`, `មួយ`;
   * a number inside a code such as `COVID-19`): paired when its twin is
   * there, never reported when it is not.
   */
  soft: boolean
  value: FactValue
  problem?: FactProblem
  /** A Khmer date written with digits read with its day and month swapped, when that is a date: a likely slip to name. */
  swapped?: string
}

// Reading ------------------------------------------------------------------

interface Draft {
  kind: FactKind
  key: string
  alternates?: string[]
  start: number
  end: number
  soft?: boolean
  value: FactValue
  problem?: FactProblem
  swapped?: string
}

interface Step {
  next: number
  facts: Draft[]
}

interface Quantity {
  value: number
  /** Token index after it. */
  next: number
  start: number
  end: number
  /** The product of its scale words (`million`, `ពាន់លាន`), or null. */
  scale: number | null
  grouped: boolean
  decimal: boolean
  /** Written in words (`twelve`, `ដប់ពីរ`). */
  words: boolean
  /** A plain number without scale: the one token. */
  token: NumberToken | null
  problem?: FactProblem
}

const spaceOnly = /^[\s\u200b\u200c\u200d\u2060\ufeff]*$/

class Reader {
  private readonly tokens: Token[]
  private readonly ignored: boolean[]

  constructor(
    private readonly text: string,
    private readonly lang: Lang
  ) {
    this.tokens = scanTokens(text)
    this.ignored = ignoredTokens(text, this.tokens)
  }

  read(): Draft[] {
    const drafts: Draft[] = []
    let k = 0
    while (k < this.tokens.length) {
      if (this.ignored[k]) {
        k++
        continue
      }
      const step =
        this.lunar(k) ??
        this.date(k) ??
        this.time(k) ??
        this.amount(k) ??
        this.era(k) ??
        this.phone(k) ??
        this.figure(k)
      if (step) {
        drafts.push(...step.facts)
        k = Math.max(step.next, k + 1)
      } else {
        k++
      }
    }
    return drafts
  }

  // Tokens -----------------------------------------------------------------

  private at(k: number): Token | undefined {
    return this.ignored[k] ? undefined : this.tokens[k]
  }

  /** Whether token k follows token k − 1 with nothing but spaces between. */
  private joined(k: number): boolean {
    const before = this.tokens[k - 1]
    const token = this.tokens[k]
    return before !== undefined && token !== undefined && spaceOnly.test(this.text.slice(before.end, token.start))
  }

  private word<K extends Word['kind']>(k: number, kind: K): Extract<Word, {kind: K}> | null {
    const token = this.at(k)
    return token?.type === 'word' && token.word.kind === kind ? (token.word as Extract<Word, {kind: K}>) : null
  }

  private marker(k: number, ...markers: Array<Extract<Word, {kind: 'marker'}>['marker']>): boolean {
    const word = this.word(k, 'marker')
    return word !== null && markers.includes(word.marker)
  }

  private number(k: number): NumberToken | null {
    const token = this.at(k)
    return token?.type === 'number' && !token.attached ? token : null
  }

  /** A day of the month: one or two digits, 1 to 31. */
  private day(k: number): NumberToken | null {
    const token = this.number(k)
    return token && !token.grouped && !token.decimal && token.digits.length <= 2 && token.value >= 1 && token.value <= 31 ? token : null
  }

  /** A year: four digits, as in 1999 or 2026 (Buddhist-era years are read by `era`). */
  private year(k: number): NumberToken | null {
    const token = this.number(k)
    return token && !token.grouped && !token.decimal && !token.ordinal && token.digits.length === 4 && token.value >= 1000 && token.value < 2500 ? token : null
  }

  private endOf(k: number): number {
    return this.tokens[k - 1]!.end
  }

  // Quantities ---------------------------------------------------------------

  /** A number with its scale words (`1.5 million`, `២.៥ពាន់លាន`, `១ លាន ៥ សែន`), or a number in words. */
  private quantity(k: number, short: boolean): Quantity | null {
    const token = this.number(k)
    if (!token) return this.numberWords(k, short)
    let next = k + 1
    const groups: Array<{value: number; scale: number; start: number; end: number}> = []
    const [firstScale, after] = this.scales(next, short)
    let scale = firstScale
    groups.push({value: token.value, scale, start: token.start, end: this.endOf(after)})
    next = after
    // Khmer adds groups, each a number and its scale, from the largest down (`១ លាន ៥ សែន`).
    while (scale > 1) {
      const more = this.number(next)
      if (!more || !this.joined(next) || more.decimal) break
      const [nextScale, nextAfter] = this.scales(next + 1, short)
      if (nextScale === 1) break
      groups.push({value: more.value, scale: nextScale, start: more.start, end: this.endOf(nextAfter)})
      scale = nextScale
      next = nextAfter
    }
    const value = round(groups.reduce((sum, group) => sum + group.value * group.scale, 0))
    let problem: FactProblem | undefined
    const outOfOrder = groups.findIndex((group, i) => i > 0 && group.scale >= groups[i - 1]!.scale)
    if (outOfOrder > 0) {
      const written = groups.map((group) => this.text.slice(group.start, group.end))
      const sorted = [...groups].sort((a, b) => b.scale - a.scale).map((group) => this.text.slice(group.start, group.end))
      problem = {
        reason: `has its scale words out of order (\`${written[outOfOrder - 1]}\` before \`${written[outOfOrder]}\`): the parts of a number go from the largest down`,
        expected: sorted.join(' ')
      }
    }
    const single = groups.length === 1 && groups[0]!.scale === 1
    return {
      value,
      next,
      start: token.start,
      end: this.endOf(next),
      scale: single ? null : groups[0]!.scale,
      grouped: token.grouped,
      decimal: token.decimal,
      words: false,
      token: single ? token : null,
      ...(problem ? {problem} : {})
    }
  }

  /** The product of the scale words from k on (`ពាន់លាន` = 1e9), and the token index after them. */
  private scales(k: number, short: boolean): [number, number] {
    let product = 1
    let next = k
    for (;;) {
      const scale = this.word(next, 'scale')
      const hundred = this.word(next, 'numword')
      if (scale && (short || !scale.short) && this.joined(next)) product *= scale.value
      else if (hundred?.role === 'hundred' && this.joined(next)) product *= 100
      else break
      next++
    }
    return [product, next]
  }

  /** `twelve`, `twenty-five`, `three hundred and fifty`, `a dozen`, `ដប់ពីរ`, `ពីររយហាសិប`, `ប្រាំលាន`. */
  private numberWords(k: number, short: boolean): Quantity | null {
    const first = this.word(k, 'numword')
    if (!first || first.role === 'hundred' || first.role === 'dozen') return null
    let total = 0
    let current = 0
    let last: string | null = null
    let next = k
    let scaled: number | null = null
    for (;;) {
      const token = this.at(next)
      if (!token || (next > k && !this.joined(next) && !(token.type === 'word' && this.tokens[next - 1]?.type === 'dash'))) break
      if (token.type === 'word' && token.word.kind === 'numword') {
        const {value, role} = token.word
        if (role === 'phrase') {
          if (last !== null) break
          current = value
        } else if (role === 'hundred' || role === 'dozen') {
          if (last === 'hundred' || last === 'dozen') break
          current = (current || 1) * value
        } else if (role === 'unit') {
          if (last === 'unit' || last === 'teen') break
          current += value
        } else {
          if (last === 'unit' || last === 'teen' || last === 'ten') break
          current += value
        }
        last = role
      } else if (token.type === 'word' && token.word.kind === 'scale' && (short || !token.word.short) && last !== null) {
        total += (current || 1) * token.word.value
        scaled ??= token.word.value
        current = 0
        last = 'scale'
      } else if (
        last !== null &&
        ((token.type === 'word' && token.word.kind === 'link' && token.word.link === 'and' && this.lang === 'en' && last === 'hundred') ||
          (token.type === 'dash' && last === 'ten' && token.start === this.tokens[next - 1]!.end))
      ) {
        // `three hundred and fifty`, `twenty-five`: the joiner belongs to the number if a number word follows it.
        if (this.word(next + 1, 'numword')?.role !== 'unit' && this.word(next + 1, 'numword')?.role !== 'ten' && this.word(next + 1, 'numword')?.role !== 'teen') break
      } else {
        break
      }
      next++
    }
    if (last === null) return null
    const value = round(total + current)
    if (value === 0) return null
    return {value, next, start: this.tokens[k]!.start, end: this.endOf(next), scale: scaled, grouped: false, decimal: false, words: true, token: null}
  }

  /**
   * The second end of a range after a quantity (`1-6`, `10 to 20`, `១ ដល់ ៥`),
   * with the currency repeated or not. A smaller second number ends no range:
   * `US$5,000 to 30 schools` gives money to schools.
   */
  private rangeEnd(k: number, short: boolean, currency: Currency | null, first: Quantity): Quantity | null {
    const token = this.at(k)
    const dash = token?.type === 'dash'
    const link = this.word(k, 'link')
    if (!dash && link?.link !== 'range') return null
    // The range word stands between the two numbers, with only spaces around it.
    if (!dash && (!this.joined(k) || !this.joined(k + 1))) return null
    let next = k + 1
    const repeated = this.word(next, 'currency')
    if (currency && repeated?.currency === currency && repeated.pre) next++
    const end = this.quantity(next, short)
    if (!end || (dash && !spaceOnly.test(this.text.slice(this.tokens[k - 1]!.end, this.tokens[next]!.start).replace(/[-\u2010-\u2014]/, '')))) return null
    return end.value < first.value ? null : end
  }

  // Facts --------------------------------------------------------------------

  /** `១៤រោច`, `១៥កើត`: a day of the lunar calendar, written in Khmer dates beside the solar one; no figure to compare. */
  private lunar(k: number): Step | null {
    if (this.number(k) && this.word(k + 1, 'lunar-day') && this.joined(k + 1)) return {next: k + 2, facts: []}
    if (this.marker(k, 'month') && this.word(k + 1, 'lunar-month')) return {next: k + 2, facts: []}
    return null
  }

  private amount(k: number): Step | null {
    const pre = this.word(k, 'currency')
    if (pre) {
      if (!pre.pre) return null
      let next = k + 1
      // ដុល្លារអាមេរិកចំនួន ១,០០០,០០០: a currency word, then the number.
      while (!pre.symbol && this.word(next, 'filler') && next - k < 3) next++
      if (!this.joined(next) && !(this.at(next)?.start === this.tokens[next - 1]?.end)) return null
      const quantity = this.quantity(next, true)
      if (!quantity) return null
      // After a currency word, only a figure that looks like money: `ដុល្លារ ២០២៦` is a year.
      if (!pre.symbol && !quantity.grouped && !quantity.scale && !quantity.decimal) return null
      const second = this.rangeEnd(quantity.next, true, pre.currency, quantity)
      const first = second ? this.scaledLike(quantity, second) : quantity
      const facts = [this.amountDraft(pre.currency, first, this.tokens[k]!.start, first.end)]
      if (second) facts.push(this.amountDraft(pre.currency, second, second.start, second.end))
      return {next: (second ?? quantity).next, facts}
    }
    const quantity = this.quantity(k, true)
    if (!quantity) return null
    const second = this.rangeEnd(quantity.next, true, null, quantity)
    const after = (second ?? quantity).next
    const post = this.word(after, 'currency')
    if (!post?.post || !this.joined(after)) return null
    const first = second ? this.scaledLike(quantity, second) : quantity
    const end = this.tokens[after]!.end
    const facts = [this.amountDraft(post.currency, first, first.start, second ? first.end : end)]
    if (second) facts.push(this.amountDraft(post.currency, second, second.start, end))
    return {next: after + 1, facts}
  }

  /** `10-20 million`: the first end takes the scale of the second when it has none and is a plain small number. */
  private scaledLike(first: Quantity, second: Quantity): Quantity {
    if (first.scale !== null || second.scale === null || first.grouped || first.value >= 1000) return first
    return {...first, value: round(first.value * second.scale), scale: second.scale}
  }

  private amountDraft(currency: Currency, quantity: Quantity, start: number, end: number): Draft {
    return {
      kind: 'amount',
      key: `${currency} ${quantity.value}`,
      start,
      end,
      value: {type: 'amount', currency, value: quantity.value, scale: quantity.scale},
      ...(quantity.problem ? {problem: quantity.problem} : {})
    }
  }

  /** Counts, percentages, years, ordinals, ranges of them; numbers in words are soft. */
  private figure(k: number): Step | null {
    const token = this.at(k)
    if (token?.type === 'number' && token.attached) {
      return {next: k + 1, facts: [{kind: 'number', key: String(token.value), start: token.start, end: token.end, soft: true, value: {type: 'number', value: token.value, percent: false, grouped: token.grouped}}]}
    }
    const quantity = this.quantity(k, false)
    if (!quantity) return null
    const second = this.rangeEnd(quantity.next, false, null, quantity)
    const after = (second ?? quantity).next
    const percent = this.word(after, 'percent') !== null && (this.joined(after) || this.tokens[after]!.start === this.endOf(after))
    const first = second ? this.scaledLike(quantity, second) : quantity
    const draft = (q: Quantity, start: number, end: number): Draft => ({
      kind: 'number',
      key: `${q.value}${percent ? '%' : ''}`,
      start,
      end,
      soft: q.words,
      value: {type: 'number', value: q.value, percent, grouped: q.grouped},
      ...(q.problem ? {problem: q.problem} : {})
    })
    const end = percent ? this.tokens[after]!.end : (second ?? quantity).end
    const facts = [draft(first, first.start, second ? first.end : end)]
    if (second) facts.push(draft(second, second.start, end))
    return {next: percent ? after + 1 : after, facts}
  }

  /** `ព.ស.២៥៦៩`, `2569 BE`: a Buddhist-era year is its own kind of figure, never compared with a Gregorian one. `គ.ស.២០២៦` is the year 2026. */
  private era(k: number): Step | null {
    const before = this.word(k, 'era')
    const number = before ? this.number(k + 1) : this.number(k)
    const after = before ? null : this.word(k + 1, 'era')
    const era = before ?? after
    if (!era || !number || number.grouped || number.decimal) return null
    const next = k + 2
    if (!this.joined(k + 1) && this.tokens[k + 1]!.start !== this.tokens[k]!.end) return null
    const start = this.tokens[k]!.start
    const end = this.tokens[k + 1]!.end
    if (era.era === 'BE') return {next, facts: [{kind: 'number', key: `BE ${number.value}`, start, end, value: {type: 'era-year', year: number.value}}]}
    return {next, facts: [{kind: 'number', key: String(number.value), start, end, value: {type: 'number', value: number.value, percent: false, grouped: false}}]}
  }

  private phone(k: number): Step | null {
    const token = this.at(k)
    if (token?.type !== 'phone') return null
    return {next: k + 1, facts: [{kind: 'number', key: `tel ${token.digits}`, start: token.start, end: token.end, value: {type: 'phone', digits: token.digits}}]}
  }

  // Times --------------------------------------------------------------------

  /** `10:30`, `2 p.m.`, `ម៉ោង ២ រសៀល`, `ម៉ោង ៨:០០នាទីព្រឹក`, and ranges of them (`9:00-11:00`). */
  private time(k: number): Step | null {
    const hourWord = this.marker(k, 'hour')
    let next = hourWord ? k + 1 : k
    if (hourWord && !this.joined(next) && this.at(next)?.start !== this.tokens[k]!.end) return null
    const first = this.clock(next, hourWord)
    if (!first) return null
    next = first.next
    let second: {hour: number; minute: number; next: number; period: boolean} | null = null
    const link = this.at(next)
    if ((link?.type === 'dash' || this.word(next, 'link')?.link === 'range') && this.joined(next) && this.joined(next + 1)) {
      const after = this.marker(next + 1, 'hour') ? next + 2 : next + 1
      second = this.clock(after, true)
      if (second) next = second.next
    }
    const period = this.word(next, 'period')
    if (period && this.joined(next)) next++
    const start = this.tokens[k]!.start
    const end = this.endOf(next)
    const adjust = (time: {hour: number; minute: number; period: boolean}) => adjustHour(time, period?.period ?? null)
    const facts: Draft[] = [first, ...(second ? [second] : [])].map((time, i, all) => {
      const {hour, minute, alternates} = adjust(time)
      return {
        kind: 'number',
        key: timeKey(hour, minute),
        alternates,
        start: i === 0 ? start : this.tokens[time.next - 1]!.start,
        end: i === all.length - 1 ? end : this.tokens[time.next - 1]!.end,
        value: {type: 'time', hour, minute}
      }
    })
    return {next, facts}
  }

  /** One clock time at k: a time token, or an hour after ម៉ោង or before a.m./p.m. */
  private clock(k: number, afterHourWord: boolean): {hour: number; minute: number; next: number; period: boolean} | null {
    const token = this.at(k)
    if (token?.type === 'time') {
      let next = k + 1
      if (this.marker(next, 'minute')) next++
      return {hour: token.hour, minute: token.minute, next, period: this.word(next, 'period') !== null}
    }
    const number = this.number(k)
    const period = this.word(k + 1, 'period')
    // `9.30 a.m.`, `ម៉ោង ៩.៣០`: a dot between hours and minutes.
    const dotted = number ? /^([0-9\u17e0-\u17e9]{1,2})\.([0-9\u17e0-\u17e9]{2})$/u.exec(number.text) : null
    if (number && dotted && (afterHourWord || (period && this.joined(k + 1)))) {
      const hour = Number(toLatinDigits(dotted[1]!))
      const minute = Number(toLatinDigits(dotted[2]!))
      if (hour <= 24 && minute < 60) return {hour, minute, next: k + 1, period: period !== null}
    }
    if (!number || number.grouped || number.decimal || number.value > 24 || number.digits.length > 2) return null
    if (!afterHourWord && !(period && this.joined(k + 1))) return null
    return {hour: number.value, minute: 0, next: k + 1, period: period !== null}
  }

  // Dates --------------------------------------------------------------------

  private date(k: number): Step | null {
    const token = this.at(k)
    if (token?.type === 'numeric-date') return this.numericDate(k, k)
    if (this.lang === 'km' && this.marker(k, 'day', 'ordinal') && this.at(k + 1)?.type === 'numeric-date') return this.numericDate(k + 1, k)
    return this.lang === 'en' ? this.englishDate(k) : this.khmerDate(k)
  }

  /** `25/03/2026`, `២៥-០៣-២០២៦`, `2026-03-25`: Khmer writes day/month/year; English may write either, so both readings pair. */
  private numericDate(k: number, from: number): Step {
    const token = this.at(k) as Extract<Token, {type: 'numeric-date'}>
    const [a, b, c] = token.parts
    const start = this.tokens[from]!.start
    if (token.order === 'ymd') return {next: k + 1, facts: [dateDraft(a, b, c, start, token.end)]}
    const year = c < 100 ? 2000 + c : c
    const dayFirst = dateDraft(year, b, a, start, token.end)
    const monthFirst = isDate(year, a, b) && a !== b ? dateDraft(year, a, b, start, token.end) : null
    let fact = dayFirst
    if (monthFirst && dayFirst.problem) {
      // Only month first makes a date (03/25/2026): English may write it so; in Khmer it is a slip.
      fact = this.lang === 'en' ? monthFirst : {...monthFirst, problem: swappedProblem(token.text, token.separator)}
    } else if (monthFirst) {
      fact = this.lang === 'en' ? {...dayFirst, alternates: [monthFirst.key]} : {...dayFirst, swapped: monthFirst.key}
    }
    return {next: k + 1, facts: [fact]}
  }

  /** `18 February 2026`, `February 18, 2026`, `Wednesday, 18th of February`, `18-20 February 2026`. */
  private englishDate(k: number): Step | null {
    let j = k
    if (this.word(j, 'weekday')) {
      j++
      if (this.at(j)?.type === 'comma') j++
      if (!this.joined(j)) return null
    }
    if (this.at(j)?.type === 'word' && (this.at(j) as {text: string}).text.toLowerCase() === 'the') {
      j++
      if (!this.joined(j)) return null
    }
    const start = this.tokens[k]!.start
    const day = this.day(j)
    if (day) {
      const days = [day]
      let next = j + 1
      const link = this.at(next)
      if ((link?.type === 'dash' || this.word(next, 'link')) && this.day(next + 1) && this.joined(next) && this.joined(next + 1)) {
        days.push(this.day(next + 1)!)
        next += 2
      }
      if (this.at(next)?.type === 'word' && (this.at(next) as {text: string}).text.toLowerCase() === 'of') next++
      const month = this.word(next, 'month')
      if (month && this.joined(next)) {
        next++
        const year = this.yearAfter(next)
        if (year) next = year.next
        return {next, facts: days.map((d, i) => dateDraft(year?.value ?? null, month.month, d.value, i === 0 ? start : d.start, i === days.length - 1 ? this.endOf(next) : d.end))}
      }
      // A misspelt month between a day and a year: `25 Febuary 2026`.
      const year = this.year(next)
      const misspelt = year ? this.misspeltMonth(this.endOf(next), year.start, englishMonths, 'en') : null
      if (year && misspelt && spaceOnly.test(this.text.slice(misspelt.end, year.start))) {
        return {next: next + 1, facts: [{...dateDraft(year.value, misspelt.month, day.value, start, year.end), problem: misspelt.problem}]}
      }
      return null
    }
    const month = this.word(j, 'month')
    if (!month) return null
    const first = this.day(j + 1)
    if (!first || !this.joined(j + 1)) return null
    const days = [first]
    let next = j + 2
    if ((this.at(next)?.type === 'dash' || this.word(next, 'link')?.link === 'range') && this.day(next + 1) && this.joined(next) && this.joined(next + 1)) {
      days.push(this.day(next + 1)!)
      next += 2
    }
    const year = this.yearAfter(next)
    if (year) next = year.next
    return {next, facts: days.map((d, i) => dateDraft(year?.value ?? null, month.month, d.value, i === 0 ? start : d.start, i === days.length - 1 ? this.endOf(next) : d.end))}
  }

  /** A year after a day or month, maybe after a comma, maybe with its era (`2026`, `, 2026`, `ឆ្នាំ២០២៦`, `គ.ស.២០២៦`). */
  private yearAfter(k: number): {value: number; next: number} | null {
    let j = k
    if (this.at(j)?.type === 'comma') j++
    if (this.marker(j, 'year')) j++
    if (this.word(j, 'era')?.era === 'CE') j++
    const year = this.year(j)
    if (!year || !(this.joined(j) || this.tokens[j - 1]!.end === year.start)) return null
    let next = j + 1
    if (this.word(next, 'era')?.era === 'CE' && this.joined(next)) next++
    return {value: year.value, next}
  }

  /**
   * A Khmer date: its day, month and year in any order when each has its
   * word (ថ្ងៃទី, ខែ, ឆ្នាំ), or day, month, year without them
   * (`២៥ មីនា ២០២៦`); the month by name or number (`ខែ៣`); a weekday
   * before it; two days of one month (`ថ្ងៃទី២០-២២ ខែធ្នូ`).
   */
  private khmerDate(k: number): Step | null {
    let day: NumberToken | null = null
    const days: NumberToken[] = []
    let month: number | null = null
    let monthProblem: FactProblem | undefined
    let monthNumber = false
    let year: number | null = null
    let dayMarked = false
    let j = k
    let end = this.tokens[k]!.end
    let last = -1
    // Where the date read so far ends: the next part must follow it with nothing but spaces between.
    let reached = this.tokens[k]!.start
    for (let steps = 0; steps < 8 && j < this.tokens.length; steps++, reached = Math.max(reached, this.tokens[j - 1]?.end ?? reached)) {
      if (j > k && !spaceOnly.test(this.text.slice(reached, this.tokens[j]!.start))) break
      if (this.marker(j, 'weekday-day') && this.word(j + 1, 'weekday')) {
        j += 2
        continue
      }
      if (this.word(j, 'weekday') && j === k) {
        j++
        continue
      }
      if (!day && this.marker(j, 'day', 'ordinal') && this.day(j + 1)) {
        day = this.day(j + 1)
        days.push(day!)
        dayMarked = true
        j += 2
        last = j
        // Two days of one month: ថ្ងៃទី២០-២២, ថ្ងៃទី២០ ដល់ថ្ងៃទី២២, ថ្ងៃទី២០ និង ២១.
        const link = this.at(j)
        if ((link?.type === 'dash' || this.word(j, 'link')) && this.joined(j) && this.joined(j + 1)) {
          const after = this.marker(j + 1, 'day', 'ordinal') ? j + 2 : j + 1
          if (this.day(after) && this.joined(after)) {
            days.push(this.day(after)!)
            j = after + 1
            last = j
          }
        }
        continue
      }
      if (month === null && this.marker(j, 'month')) {
        const named = this.word(j + 1, 'month')
        const numbered = this.number(j + 1)
        if (named) {
          month = named.month
          j += 2
        } else if (numbered && !numbered.grouped && !numbered.decimal && numbered.digits.length <= 2) {
          month = numbered.value
          monthNumber = true
          j += 2
        } else if (this.word(j + 1, 'lunar-month')) {
          return {next: j + 2, facts: []}
        } else {
          const to = this.tokens[j + 1]?.start ?? this.text.length
          const misspelt = day ? this.misspeltMonth(this.tokens[j]!.end, to, khmerMonths.map((spellings) => spellings[0]!), 'km') : null
          if (!misspelt) break
          month = misspelt.month
          monthProblem = misspelt.problem
          end = misspelt.end
          reached = misspelt.end
          j++
          // Skip the tokens inside the misspelt word.
          while (j < this.tokens.length && this.tokens[j]!.start < misspelt.end) j++
          last = j
          continue
        }
        last = j
        continue
      }
      if (month === null && this.word(j, 'month') && (day || this.day(j - 1))) {
        month = this.word(j, 'month')!.month
        j++
        last = j
        continue
      }
      if (year === null && (day || month !== null || this.marker(j, 'year'))) {
        const found = this.yearAfter(j)
        if (found && (this.marker(j, 'year') || this.word(j, 'era') || (month !== null && day))) {
          year = found.value
          j = found.next
          last = j
          continue
        }
      }
      if (!day && this.day(j) && (this.word(j + 1, 'month') || this.marker(j + 1, 'month')) && this.joined(j + 1)) {
        day = this.day(j)
        days.push(day!)
        j++
        last = j
        continue
      }
      break
    }
    if (!day || month === null) return null
    if (last > 0) end = Math.max(end, this.endOf(last))
    const start = this.tokens[k]!.start
    const facts = days.map((d, i): Draft => {
      const draft = dateDraft(year, month, d.value, i === 0 ? start : d.start, i === days.length - 1 ? end : d.end)
      if (monthProblem) return {...draft, problem: monthProblem}
      // ថ្ងៃទី៣ ខែ២៥: a month that cannot be one where the day could; the two are swapped.
      if (draft.problem && monthNumber && isDate(year ?? 2024, d.value, month) && dayMarked) {
        const fixed = this.text.slice(start, end).replace(/([0-9\u17e0-\u17e9]+)([\s\S]*?ខែ\s*)([0-9\u17e0-\u17e9]+)/u, '$3$2$1')
        return {...dateDraft(year, d.value, month, draft.start, draft.end), problem: {reason: 'has its day and month swapped', expected: fixed}}
      }
      return draft
    })
    return {next: Math.max(last, k + 1), facts}
  }

  /**
   * A word after ខែ (or between a day and a year in English) that is not a
   * month but is a letter or two away from one: `មិនា` for `មីនា`,
   * `Febuary` for `February`. It ends where the next word of the lexicon
   * starts (`ខែមិនាឆ្នាំ២០២៦`).
   */
  private misspeltMonth(from: number, to: number, names: readonly string[], lang: Lang): {month: number; end: number; problem: FactProblem} | null {
    const rest = this.text.slice(from, Math.min(to, from + 40))
    const found = (lang === 'km' ? /^[ \u00a0\u200b]*([\u1780-\u17dd]+)/u : /^\s+([A-Za-z]+)\.?/).exec(rest)
    if (!found) return null
    const written = found[1]!
    if (lang === 'km' && (khmerLunarMonths.includes(written) || notMonths.has(written))) return null
    let best = -1
    let distance = Infinity
    names.forEach((name, i) => {
      const d = leven(lang === 'en' ? written.toLowerCase() : written, name)
      if (d < distance) {
        distance = d
        best = i
      }
    })
    if (best < 0 || distance === 0 || written.length < 3) return null
    // One letter off for a short name (មីនា), two for a long one (វិច្ឆិកា, September).
    if (distance > (names[best]!.length <= 5 ? 1 : 2)) return null
    const correct = lang === 'en' ? monthNames[best]! : names[best]!
    return {
      month: best + 1,
      end: from + found[0].length,
      problem: {reason: `has \`${written}\`, which is not a month; did you mean ${correct}?`, expected: correct}
    }
  }
}

/** Words that follow ខែ without being a month: this month, last month, next month. */
const notMonths = new Set(['នេះ', 'មុន', 'ក្រោយ', 'នោះ', 'ថ្មី', 'ទី'])

/** Hours of a.m. and p.m. and their Khmer counterparts on a 24-hour clock; an hour without one may be either. */
function adjustHour(time: {hour: number; minute: number; period: boolean}, period: 'am' | 'pm' | 'noon' | 'night' | 'oclock' | null): {hour: number; minute: number; alternates: string[]} {
  let {hour} = time
  const {minute} = time
  if (period === 'am') hour = hour === 12 ? 0 : hour
  else if (period === 'pm' || period === 'noon') hour = hour < 12 ? hour + 12 : hour
  else if (period === 'night') hour = hour >= 6 && hour < 12 ? hour + 12 : hour === 12 ? 0 : hour
  const alternates = (period === null || period === 'oclock') && hour >= 1 && hour < 12 ? [timeKey(hour + 12, minute)] : []
  return {hour, minute, alternates}
}

function timeKey(hour: number, minute: number): string {
  return `time ${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`
}

function swappedProblem(text: string, separator: string): FactProblem {
  const [a, b, ...rest] = text.split(separator)
  const fixed = [b, a, ...rest].join(separator)
  return {reason: 'is written month first, but Khmer dates are day/month/year', expected: fixed}
}

const monthNames = englishMonths.map((m) => m[0]!.toUpperCase() + m.slice(1))

function daysIn(year: number | null, month: number): number {
  if (month === 2) return year === null || (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) ? 29 : 28
  return [4, 6, 9, 11].includes(month) ? 30 : 31
}

function isDate(year: number | null, month: number, day: number): boolean {
  return month >= 1 && month <= 12 && day >= 1 && day <= daysIn(year, month)
}

/** `2026-02-18`, or `--02-18` when the year is not written (ISO 8601 style). */
function formatDate(year: number | null, month: number, day: number): string {
  const mm = String(month).padStart(2, '0')
  const dd = String(day).padStart(2, '0')
  return year === null ? `--${mm}-${dd}` : `${year}-${mm}-${dd}`
}

function dateDraft(year: number | null, month: number, day: number, start: number, end: number): Draft {
  const draft: Draft = {kind: 'date', key: formatDate(year, month, day), start, end, value: {type: 'date', year, month, day}}
  if (month < 1 || month > 12) return {...draft, problem: {reason: `is not a date: there is no month ${month}; check the day and month`}}
  if (!isDate(year, month, day)) return {...draft, problem: {reason: `is not a date: ${monthNames[month - 1]}${year === null ? '' : ` ${year}`} has ${daysIn(year, month)} days; check the day and month`}}
  return draft
}

/** Avoids 1.1 × 1e6 = 1100000.0000000002 keys: 15 significant digits are exact in a double. */
function round(value: number): number {
  return Number(value.toPrecision(15))
}

// Spans that hold digits but no figures of the text ---------------------------

const khmerOrLatinDigits = '[0-9\\u17e0-\\u17e9]'
const urls = /\b(?:https?:\/\/|www\.)[^\s)\]>]+/giu
const references = new RegExp(`(?:\\bNo\\.?|\\bNr\\.?|លេខ)[ \\u00a0]*${khmerOrLatinDigits}+[ \\u00a0]*[A-Za-z]+-${khmerOrLatinDigits}+(?:/[A-Za-z]+)?`, 'gu')

/** Tokens inside web addresses, e-mail addresses and reference numbers (`No. 10 PR-26/EoJ`, `លេខ ១០ PR-២៦/EoJ`). */
function ignoredTokens(text: string, tokens: readonly Token[]): boolean[] {
  const spans: Array<[number, number]> = []
  for (const match of text.matchAll(urls)) spans.push([match.index, match.index + match[0].length])
  for (const match of text.matchAll(references)) spans.push([match.index, match.index + match[0].length])
  // E-mail addresses, from each `@` outwards (a pattern starting anywhere would backtrack over long words).
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    let from = at
    while (from > 0 && /[\w.+-]/.test(text[from - 1]!)) from--
    let to = at + 1
    while (to < text.length && /[\w.-]/.test(text[to]!)) to++
    if (from < at && /\.\w/.test(text.slice(at + 1, to))) spans.push([from, to])
  }
  spans.sort((a, b) => a[0] - b[0])
  const ignored = new Array<boolean>(tokens.length).fill(false)
  let s = 0
  tokens.forEach((token, k) => {
    while (s < spans.length && spans[s]![1] <= token.start) s++
    if (s < spans.length && spans[s]![0] <= token.start) ignored[k] = true
  })
  return ignored
}

// Sections -----------------------------------------------------------------

/** Every amount, date and other figure in a section, in reading order. */
export function extractFacts(section: Section): readonly Fact[] {
  // Several rules and the preview ask for the same section's facts: the model is immutable, so keep them.
  let facts = factCache.get(section)
  if (!facts) {
    facts = sectionRuns(section).flatMap((run) => extractFromRun(run, section.lang))
    factCache.set(section, facts)
  }
  return facts
}

const factCache = new WeakMap<Section, Fact[]>()

/** The facts of one run of text. */
export function extractFromRun(run: TextRun, lang: Lang): Fact[] {
  return new Reader(run.text, lang).read().map((draft) => {
    const spans = spansOf(run, draft.start, draft.end)
    const first = spans[0]
    return {
      kind: draft.kind,
      lang,
      key: draft.key,
      alternates: draft.alternates ?? [],
      text: run.text.slice(draft.start, draft.end),
      spans,
      offset: first ? first.node.position.start.offset + first.start : 0,
      soft: draft.soft ?? false,
      value: draft.value,
      ...(draft.problem ? {problem: draft.problem} : {}),
      ...(draft.swapped ? {swapped: draft.swapped} : {})
    }
  })
}

/** The facts of a plain text, as if it were one paragraph (for tests and tools). */
export function extractFromText(text: string, lang: Lang): Fact[] {
  const node = {type: 'text' as const, value: text, position: {start: {line: 1, column: 1, offset: 0}, end: {line: 1, column: text.length + 1, offset: text.length}}}
  return extractFromRun({text, pieces: [{node, at: 0}]}, lang)
}
