/**
 * The words that give figures their meaning, in English and Khmer:
 * currencies, scale words, number words, months, percent, the markers of
 * Khmer dates (ថ្ងៃទី, ខែ, ឆ្នាំ) and times (ម៉ោង), eras and range words.
 * Both languages share one table, since each section quotes the other's
 * symbols (`៛` in English, `US$` in Khmer).
 *
 * Words are found by a trie walked from each position where a word may
 * start, at most the length of the longest word: finding every word of a
 * text is linear in its length.
 */

export type Currency = 'USD' | 'JPY' | 'KHR' | 'EUR' | 'THB'

export type Word =
  /** one…nineteen, twenty…ninety, hundred, dozen; Khmer មួយ…ដប់, ម្ភៃ…កៅសិប, រយ. */
  | {kind: 'numword'; value: number; role: 'unit' | 'teen' | 'ten' | 'hundred' | 'dozen' | 'phrase'}
  /** thousand, million…, ពាន់, ម៉ឺន, សែន, លាន…; `short` ones (m, bn, k) only in amounts. */
  | {kind: 'scale'; value: number; short: boolean}
  /** `pre`: written before the number; `post`: after it; `symbol`: a sign or code, not a word. */
  | {kind: 'currency'; currency: Currency; pre: boolean; post: boolean; symbol: boolean}
  | {kind: 'percent'}
  | {kind: 'month'; month: number}
  | {kind: 'lunar-month'}
  /** កើត and រោច: a lunar day (១៤រោច) is no figure of the text. */
  | {kind: 'lunar-day'}
  | {kind: 'weekday'}
  /** ថ្ងៃទី / ទី (day), ថ្ងៃ (before a weekday), ខែ (month), ឆ្នាំ (year), ម៉ោង (hour), នាទី (minutes). */
  | {kind: 'marker'; marker: 'day' | 'ordinal' | 'weekday-day' | 'month' | 'year' | 'hour' | 'minute'}
  | {kind: 'era'; era: 'BE' | 'CE'}
  /** Joins the two ends of a range, or two days of one month. */
  | {kind: 'link'; link: 'range' | 'and'}
  /** A.m., p.m., ព្រឹក (morning), រសៀល (afternoon)… */
  | {kind: 'period'; period: 'am' | 'pm' | 'noon' | 'night' | 'oclock'}
  /** Words allowed between a currency or a day and its number: ចំនួន, of, the, about… */
  | {kind: 'filler'}

const words: Array<[string, Word]> = []
const add = (spellings: string | readonly string[], word: Word) => {
  for (const spelling of typeof spellings === 'string' ? [spellings] : spellings) words.push([spelling, word])
}

// Currencies -------------------------------------------------------------
const currency = (c: Currency, pre: boolean, post: boolean, symbol: boolean): Word => ({kind: 'currency', currency: c, pre, post, symbol})
add(['US$', 'U.S.$', 'US $'], currency('USD', true, false, true))
add('$', currency('USD', true, true, true))
add('USD', currency('USD', true, true, true))
add(['US dollar', 'US dollars', 'U.S. dollar', 'U.S. dollars', 'United States dollar', 'United States dollars', 'dollar', 'dollars'], currency('USD', false, true, false))
add(['ដុល្លារអាមេរិក', 'ដុល្លារ អាមេរិក', 'ដុល្លារ', 'ដុលា្លរ'], currency('USD', true, true, false))
add('¥', currency('JPY', true, false, true))
add('JPY', currency('JPY', true, true, true))
add(['yen', 'Japanese yen'], currency('JPY', false, true, false))
add(['យ៉េន', 'យេន', 'យ៉េនជប៉ុន'], currency('JPY', true, true, false))
add('៛', currency('KHR', true, true, true))
add('KHR', currency('KHR', true, true, true))
add(['riel', 'riels', 'Cambodian riel', 'Cambodian riels'], currency('KHR', false, true, false))
add(['រៀល', 'រៀលខ្មែរ'], currency('KHR', true, true, false))
add('€', currency('EUR', true, false, true))
add('EUR', currency('EUR', true, true, true))
add(['euro', 'euros'], currency('EUR', false, true, false))
add('អឺរ៉ូ', currency('EUR', true, true, false))
add('฿', currency('THB', true, false, true))
add('THB', currency('THB', true, true, true))
add(['baht', 'Thai baht'], currency('THB', false, true, false))
add(['បាតថៃ', 'បាត'], currency('THB', false, true, false))

// Scales -----------------------------------------------------------------
const scale = (value: number, short = false): Word => ({kind: 'scale', value, short})
add('thousand', scale(1e3))
add('million', scale(1e6))
add('billion', scale(1e9))
add('trillion', scale(1e12))
add('k', scale(1e3, true))
add(['m', 'mn', 'mln'], scale(1e6, true))
add(['bn', 'b'], scale(1e9, true))
add(['tn', 'trn'], scale(1e12, true))
add('រយ', {kind: 'numword', value: 100, role: 'hundred'})
add('ពាន់', scale(1e3))
add('ម៉ឺន', scale(1e4))
add('សែន', scale(1e5))
add('លាន', scale(1e6))
add(['ប៊ីលាន', 'ប៊ីល្លាន'], scale(1e9))
add(['ទ្រីលាន', 'ទ្រីល្លាន'], scale(1e12))

// Number words -----------------------------------------------------------
const numword = (value: number, role: Extract<Word, {kind: 'numword'}>['role']): Word => ({kind: 'numword', value, role})
const englishUnits = ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine']
const englishTeens = ['ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen']
const englishTens = ['twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety']
englishUnits.forEach((word, i) => add(word, numword(i + 1, 'unit')))
englishTeens.forEach((word, i) => add(word, numword(i + 10, 'teen')))
englishTens.forEach((word, i) => add(word, numword((i + 2) * 10, 'ten')))
// Ordinal words pair with ordinals in figures (`the first phase` ↔ `ដំណាក់កាលទី១`).
;['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth', 'ninth', 'tenth', 'eleventh', 'twelfth'].forEach((word, i) => add(word, numword(i + 1, 'phrase')))
add('hundred', numword(100, 'hundred'))
add('dozen', numword(12, 'dozen'))
add('a dozen', numword(12, 'phrase'))
add('a hundred', numword(100, 'phrase'))
add('a thousand', numword(1e3, 'phrase'))
add('a million', numword(1e6, 'phrase'))
add('a billion', numword(1e9, 'phrase'))
const khmerUnits = ['មួយ', 'ពីរ', 'បី', 'បួន', 'ប្រាំ', 'ប្រាំមួយ', 'ប្រាំពីរ', 'ប្រាំបី', 'ប្រាំបួន']
khmerUnits.forEach((word, i) => add(word, numword(i + 1, 'unit')))
add('ដប់', numword(10, 'ten'))
add('ម្ភៃ', numword(20, 'ten'))
;['សាមសិប', 'សែសិប', 'ហាសិប', 'ហុកសិប', 'ចិតសិប', 'ប៉ែតសិប', 'កៅសិប'].forEach((word, i) => add(word, numword((i + 3) * 10, 'ten')))

// Percent ----------------------------------------------------------------
add(['%', '٪', 'percent', 'per cent', 'pc', 'percentage point', 'percentage points', 'ភាគរយ', 'ភាគ រយ'], {kind: 'percent'})

// Dates and times --------------------------------------------------------
export const englishMonths = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december']
englishMonths.forEach((name, i) => {
  add(name, {kind: 'month', month: i + 1})
  if (name.length > 3) add([name.slice(0, 3), `${name.slice(0, 3)}.`], {kind: 'month', month: i + 1})
})
add(['sept', 'sept.'], {kind: 'month', month: 9})

/** Khmer solar month names with spellings in common use; index = month − 1. The first is the standard one. */
export const khmerMonths: readonly (readonly string[])[] = [
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
khmerMonths.forEach((spellings, i) => add(spellings, {kind: 'month', month: i + 1}))
/** The lunar months of the Khmer calendar: a date in them is not a solar date. */
export const khmerLunarMonths = ['មិគសិរ', 'បុស្ស', 'មាឃ', 'ផល្គុន', 'ចេត្រ', 'ពិសាខ', 'ជេស្ឋ', 'អាសាឍ', 'បឋមាសាឍ', 'ទុតិយាសាឍ', 'ស្រាពណ៍', 'ភទ្របទ', 'អស្សុជ', 'កត្តិក']
add(khmerLunarMonths, {kind: 'lunar-month'})
add(['កើត', 'រោច'], {kind: 'lunar-day'})
add(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'mon.', 'tue.', 'wed.', 'thu.', 'fri.', 'sat.', 'sun.'], {kind: 'weekday'})
add(['ច័ន្ទ', 'អង្គារ', 'ពុធ', 'ព្រហស្បតិ៍', 'ព្រហស្បត្តិ៍', 'សុក្រ', 'សៅរ៍', 'អាទិត្យ'], {kind: 'weekday'})
add(['ថ្ងៃទី', 'ថ្ងៃ ទី'], {kind: 'marker', marker: 'day'})
add('ទី', {kind: 'marker', marker: 'ordinal'})
add('ថ្ងៃ', {kind: 'marker', marker: 'weekday-day'})
add('ខែ', {kind: 'marker', marker: 'month'})
add('ឆ្នាំ', {kind: 'marker', marker: 'year'})
add(['ម៉ោង', 'វេលាម៉ោង'], {kind: 'marker', marker: 'hour'})
add('នាទី', {kind: 'marker', marker: 'minute'})
add(['a.m.', 'am', 'ព្រឹក'], {kind: 'period', period: 'am'})
add(['p.m.', 'pm', 'រសៀល', 'ល្ងាច'], {kind: 'period', period: 'pm'})
add(['noon', 'ថ្ងៃត្រង់'], {kind: 'period', period: 'noon'})
add(['យប់'], {kind: 'period', period: 'night'})
add(["o'clock", 'o’clock'], {kind: 'period', period: 'oclock'})
add(['ព.ស.', 'ព.ស', 'ពុទ្ធសករាជ', 'B.E.'], {kind: 'era', era: 'BE'})
add(['គ.ស.', 'គ.ស', 'គ្រិស្តសករាជ', 'A.D.'], {kind: 'era', era: 'CE'})

// Ranges and fillers -----------------------------------------------------
add(['to', 'through', 'until', 'till', 'ដល់', 'ទៅ', 'រហូតដល់', 'ដល់ថ្ងៃទី'], {kind: 'link', link: 'range'})
add(['and', 'និង', 'នឹង'], {kind: 'link', link: 'and'})
add(['of', 'the', 'about', 'approximately', 'around', 'some', 'nearly', 'almost', 'over', 'more than', 'up to', 'a total of', 'at least', 'roughly', 'from', 'between'], {kind: 'filler'})
add(['ចំនួន', 'ប្រមាណ', 'ប្រហែល', 'ជាង', 'ជិត', 'សរុប', 'សរុបចំនួន', 'យ៉ាងតិច', 'ពី', 'ចាប់ពី'], {kind: 'filler'})

/** Words whose case matters: `BE` the era, not the verb `be`. */
const caseSensitive: Array<[string, Word]> = [
  ['BE', {kind: 'era', era: 'BE'}],
  ['AD', {kind: 'era', era: 'CE'}],
  ['CE', {kind: 'era', era: 'CE'}]
]

interface TrieNode {
  next: Map<string, TrieNode>
  word?: Word
}

const isLatinLetter = (char: string | undefined) => {
  const code = char === undefined ? 0 : char.charCodeAt(0) | 0x20
  return code >= 0x61 && code <= 0x7a
}
const isKhmer = (char: string | undefined) => char !== undefined && char >= '\u1780' && char <= '\u17ff'
/** Space between the words of a word (`per cent`, `ដុល្លារ អាមេរិក`): any run of spaces or zero-width spaces. */
const isSpace = (char: string | undefined) => char !== undefined && /[\s\u200b]/.test(char)

function buildTrie(entries: ReadonlyArray<[string, Word]>, fold: boolean): TrieNode {
  const root: TrieNode = {next: new Map()}
  for (const [spelling, word] of entries) {
    let node = root
    for (const char of fold ? spelling.replace(/[A-Z]/g, (c) => c.toLowerCase()) : spelling) {
      let child = node.next.get(char)
      if (!child) node.next.set(char, (child = {next: new Map()}))
      node = child
    }
    // The first entry of a spelling wins (`B` the scale is listed once).
    node.word ??= word
  }
  return root
}

const folded = buildTrie(words, true)
const exact = buildTrie(caseSensitive, false)
const tries = [[folded, true], [exact, false]] as const

/** A Khmer character that belongs to the cluster before it (a vowel sign, a sign, a coeng, a subscript). */
function continuesCluster(char: string | undefined, previous: string | undefined): boolean {
  if (char === undefined || !isKhmer(char)) return false
  if (previous === '\u17d2') return true
  const code = char.charCodeAt(0)
  return (code >= 0x17b6 && code <= 0x17d3) || code === 0x17dd
}

export interface WordMatch {
  word: Word
  end: number
}

/**
 * The longest word of the table starting at `at`, where a word may start
 * and end: Latin words do not start or end inside a Latin word, Khmer ones
 * not inside a cluster (`ពីរ` is not read in `ពីរោះ`).
 */
export function matchWord(text: string, at: number): WordMatch | null {
  const first = text[at]
  if (first === undefined) return null
  if (isLatinLetter(first) && isLatinLetter(text[at - 1])) return null
  if (isKhmer(first) && continuesCluster(first, text[at - 1])) return null
  // Most characters start no word: the loop below would stop at its first step.
  if (!folded.next.has(first.toLowerCase()) && !exact.next.has(first)) return null
  let best: WordMatch | null = null
  for (const [root, fold] of tries) {
    let node: TrieNode | undefined = root
    let i = at
    while (node && i < text.length) {
      const char: string = text[i]!
      if (isSpace(char) && node.next.has(' ')) {
        node = node.next.get(' ')
        while (i < text.length && isSpace(text[i])) i++
      } else {
        node = node.next.get(fold ? char.toLowerCase() : char)
        i++
      }
      if (node?.word && endsWord(text, at, i, node.word) && (!best || i > best.end)) best = {word: node.word, end: i}
    }
  }
  return best
}

function endsWord(text: string, start: number, end: number, word: Word): boolean {
  const last = text[end - 1]
  const next = text[end]
  // A currency code may touch its number (`USD1,000,000`); other Latin words end where the letters and digits do.
  const touches = word.kind === 'currency' && word.symbol ? /[A-Za-z]/ : /[A-Za-z0-9]/
  if (isLatinLetter(last) && next !== undefined && touches.test(next)) return false
  if (isKhmer(last) && continuesCluster(next, last)) return false
  // A word of one Latin letter (m, k, b) stands only right after a number: `US$5m`, not the `m` of `5 m`.
  if (end - start === 1 && isLatinLetter(last) && !/[0-9\u17e0-\u17e9]/.test(text[start - 1] ?? '')) return false
  return true
}
