/**
 * What the search index sees of a text, and what a query is turned into
 * before it is looked up: the same function on both sides, in Node when the
 * index is built and in the browser (this module and the two it imports are
 * copied into the site as they are compiled), so a word typed the way it
 * was written always meets itself.
 *
 * Pagefind splits text at white space only, and keeps of each word only its
 * letters and digits, dropping every combining mark (it reads them as
 * accents: "café" is found as "cafe"). Khmer writes no spaces between words
 * and its vowels, subscripts and signs are all combining marks, so Pagefind
 * alone indexes a whole phrase as one word, reduced to its consonants
 * (ផ្តល់ and ផតល become the same word). So, before Pagefind sees it:
 *
 * 1. Khmer is put in one form: clusters in the standard storage order,
 *    without U+200B, coeng Da read as coeng Ta (as the glossary compares).
 * 2. Each run of Khmer letters is cut into words by ICU's Khmer dictionary
 *    (`Intl.Segmenter('km')`), the engine Node and Chromium share.
 * 3. Each Khmer word becomes one token of ASCII letters and digits with no
 *    vowel (`xq…`: two symbols per code point, and `w` after each
 *    cluster), which Pagefind keeps as it is: it has no marks to drop, and
 *    no stemmer shortens a word without vowels. Pagefind matches a query
 *    word as the start of a word; with a `w` closing each cluster, the code
 *    of ការ starts the code of ការងារ but the code of ក does not start that
 *    of កា: a query matches whole clusters only.
 * 4. Khmer digits become Latin ones, so ១,០០០,០០០ and 1,000,000 meet.
 * 5. In the index only, each Khmer word also stands as each of its endings
 *    at a cluster boundary: ICU keeps compounds whole (ចុះហត្ថលេខា), and a
 *    reader who types ហត្ថលេខា must find it. With prefix matching, any run
 *    of whole clusters typed is found where it is written.
 *
 * Everything else (Latin words, references such as PR-26/EoJ, amounts) is
 * left for Pagefind to handle as it handles any text.
 */
import {normalizeCluster, scanClusters} from '../khmer/cluster.js'
import {khmerMatchForm} from '../khmer/match.js'

const khmerWords = new Intl.Segmenter('km', {granularity: 'word'})

/** Khmer letters and signs: the characters UAX #14 gives class SA, as in text/breaks.ts. */
const khmerRun = /[\u1780-\u17D3\u17D7\u17DC\u17DD]+/gu

/** Symbols of the code: digits and consonants, no vowel and no `s` or `y` (a stemmer's handles). */
const symbols = '0123456789bcdfghjklmnpqrtvwxz'
/** The first symbol of a code point's pair (128 code points need five), and the symbol closing a cluster. */
const firstSymbols = 'bcdfg'
const clusterEnd = 'w'

/** Marks a token as a Khmer word; no English word or number starts so. */
export const khmerTokenPrefix = 'xq'

/**
 * Khmer in the form it is searched in: each cluster in the standard storage
 * order (khmer-order's fix), no U+200B, coeng Da as coeng Ta, NFC.
 */
export function searchForm(text: string): string {
  const plain = text.replace(/\u200B/g, '')
  if (!/[\u1780-\u17FF]/u.test(plain)) return plain.normalize('NFC')
  let ordered = ''
  let at = 0
  for (const cluster of scanClusters(plain).clusters) {
    if (cluster.kind !== 'syllable') continue
    ordered += plain.slice(at, cluster.start) + normalizeCluster(cluster.text)
    at = cluster.end
  }
  return khmerMatchForm(ordered + plain.slice(at))
}

/** The Khmer words of a text, in its search form, in order (a word may repeat). */
export function khmerWordsOf(text: string): string[] {
  const words: string[] = []
  for (const match of searchForm(text).matchAll(khmerRun)) {
    for (const {segment, isWordLike} of khmerWords.segment(match[0])) if (isWordLike !== false) words.push(segment)
  }
  return words
}

/** One Khmer word as the token the index holds: each cluster's code points, then `w`. */
export function khmerToken(word: string): string {
  return khmerTokenPrefix + clusterCodes(word).codes.join('')
}

/**
 * The code of each cluster of a word (a sign outside any cluster, such as
 * ៗ, stands alone), and where each cluster's code starts in that list: a
 * token of the word from a cluster on is the codes from there.
 */
function clusterCodes(word: string): {codes: string[]; clusterAt: number[]} {
  const codes: string[] = []
  const clusterAt: number[] = []
  const code = (text: string) => {
    let coded = ''
    for (const char of text) {
      const offset = char.codePointAt(0)! - 0x1780
      if (offset >= 0 && offset < 0x80) coded += firstSymbols[Math.floor(offset / symbols.length)]! + symbols[offset % symbols.length]!
    }
    codes.push(coded + clusterEnd)
  }
  let at = 0
  for (const cluster of scanClusters(word).clusters) {
    for (const char of word.slice(at, cluster.start)) code(char)
    clusterAt.push(codes.length)
    code(cluster.text)
    at = cluster.end
  }
  for (const char of word.slice(at)) code(char)
  return {codes, clusterAt}
}

/**
 * A query as it is looked up: Khmer words as tokens with spaces around
 * them, Khmer digits as Latin ones, the rest as it was. Words Pagefind
 * would read as its own markers (`___…`) lose their leading underscores,
 * which it would drop anyway.
 */
export function searchText(text: string): string {
  return tokenize(text, false)
}

/** A page's text as the index sees it: as `searchText`, plus the endings of each Khmer word. */
export function indexText(text: string): string {
  return tokenize(text, true)
}

function tokenize(text: string, endings: boolean): string {
  return searchForm(text)
    .replace(khmerRun, (run) => {
      const tokens: string[] = []
      for (const {segment, isWordLike} of khmerWords.segment(run)) {
        if (isWordLike === false) continue
        const {codes, clusterAt} = clusterCodes(segment)
        tokens.push(khmerTokenPrefix + codes.join(''))
        if (!endings) continue
        for (const from of clusterAt.slice(1)) tokens.push(khmerTokenPrefix + codes.slice(from).join(''))
      }
      return ` ${tokens.join(' ')} `
    })
    .replace(/[\u17E0-\u17E9]/gu, (digit) => String(digit.charCodeAt(0) - 0x17e0))
    .replace(/(^|\s)_+/gu, '$1')
    .replace(/\s+/gu, ' ')
    .trim()
}
