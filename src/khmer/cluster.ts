/**
 * Khmer clusters as HarfBuzz's Khmer shaper reads them, so that a check can
 * tell which text will be drawn with a dotted circle U+25CC.
 *
 * Categories are HarfBuzz 6's (hb-ot-shaper-khmer.cc over its Indic table);
 * the grammar is hb-ot-shaper-khmer-machine.rl:
 *
 *   c                  = C | Ra | V
 *   cn                 = c ((ZWJ|ZWNJ)? Robatic)?
 *   xgroup             = ((ZWJ|ZWNJ)* Xgroup)*
 *   matra_group        = VPre? xgroup VBlw? xgroup ((ZWJ|ZWNJ)? VAbv)? xgroup VPst?
 *   syllable_tail      = xgroup matra_group xgroup (Coeng c)? Ygroup*
 *   broken_cluster     = Robatic? (Coeng cn)* (Coeng | syllable_tail)
 *   consonant_syllable = (cn | Placeholder | DottedCircle) broken_cluster
 *
 * HarfBuzz takes the longest match at each position; a broken cluster (no
 * base) gets a dotted circle in front of it. Every production is a sequence
 * of optional parts whose first categories differ, so taking each part
 * greedily gives the longest match and the scanner never backtracks.
 */

export type KhmerCategory =
  | 'C'
  | 'Ra'
  | 'V'
  | 'Coeng'
  | 'Robatic'
  | 'Xgroup'
  | 'Ygroup'
  | 'VPre'
  | 'VBlw'
  | 'VAbv'
  | 'VPst'
  | 'ZWJ'
  | 'ZWNJ'
  | 'Placeholder'
  | 'DottedCircle'
  | 'Other'

export const COENG = 0x17d2
export const RO = 0x179a

/**
 * Vowels that HarfBuzz splits into U+17C1 plus a second part, which keeps
 * the code point and takes the category given here [hb-ot-shaper-khmer.cc
 * decompose_khmer].
 */
const splitVowels = new Map<number, KhmerCategory>([
  [0x17be, 'VAbv'],
  [0x17bf, 'VPst'],
  [0x17c0, 'VPst'],
  [0x17c4, 'VPst'],
  [0x17c5, 'VPst']
])

/**
 * HarfBuzz's category of a code point. For a split vowel (U+17BE–U+17C0,
 * U+17C4, U+17C5) it is the category of the part after U+17C1.
 */
export function khmerCategory(cp: number): KhmerCategory {
  if (cp >= 0x1780 && cp <= 0x17a2) return cp === RO ? 'Ra' : 'C'
  if (cp >= 0x17a3 && cp <= 0x17b3) return 'V'
  const split = splitVowels.get(cp)
  if (split) return split
  if (cp === 0x17b6) return 'VPst'
  if (cp >= 0x17b7 && cp <= 0x17ba) return 'VAbv'
  if (cp >= 0x17bb && cp <= 0x17bd) return 'VBlw'
  if (cp >= 0x17c1 && cp <= 0x17c3) return 'VPre'
  if (cp === 0x17c9 || cp === 0x17ca || cp === 0x17cc) return 'Robatic'
  if (cp === 0x17c6 || cp === 0x17cb || (cp >= 0x17cd && cp <= 0x17d1)) return 'Xgroup'
  if (cp === 0x17c7 || cp === 0x17c8 || cp === 0x17d3 || cp === 0x17dd) return 'Ygroup'
  if (cp === COENG) return 'Coeng'
  if (cp === 0x200c) return 'ZWNJ'
  if (cp === 0x200d) return 'ZWJ'
  if (cp === 0x25cc) return 'DottedCircle'
  if (isPlaceholder(cp)) return 'Placeholder'
  return 'Other'
}

/** Characters HarfBuzz's Indic table lets carry marks like a consonant (digits, dashes, NBSP). */
function isPlaceholder(cp: number): boolean {
  return (
    (cp >= 0x17e0 && cp <= 0x17e9) ||
    (cp >= 0x30 && cp <= 0x39) ||
    cp === 0x2d ||
    cp === 0xa0 ||
    cp === 0xd7 ||
    (cp >= 0x2010 && cp <= 0x2015) ||
    cp === 0x2022 ||
    (cp >= 0x25fb && cp <= 0x25fe)
  )
}

/** Invisible characters that split a cluster when typed inside one. */
function isInvisible(cp: number): boolean {
  return cp === 0x200b || cp === 0x200c || cp === 0x200d || cp === 0x2060 || cp === 0xfeff || cp === 0x17b4 || cp === 0x17b5
}

/** A category that starts a syllable. */
export function isBase(category: KhmerCategory): boolean {
  return category === 'C' || category === 'Ra' || category === 'V' || category === 'Placeholder' || category === 'DottedCircle'
}

/** A dependent vowel category. */
export function isVowel(category: KhmerCategory): boolean {
  return category === 'VPre' || category === 'VBlw' || category === 'VAbv' || category === 'VPst'
}

export interface KhmerCluster {
  /** UTF-16 offsets into the scanned text. */
  start: number
  end: number
  text: string
  /** `syllable` has a base; `broken` has none and is drawn after a dotted circle. */
  kind: 'syllable' | 'broken'
}

export type ClusterProblem =
  | 'no-base'
  | 'invisible-in-cluster'
  | 'repeated-coeng'
  | 'coeng-without-consonant'
  | 'trailing-coeng'
  | 'duplicate-vowel'
  | 'above-before-below'
  | 'two-vowels'
  | 'shifter-after-vowel'
  | 'after-final-sign'
  | 'misplaced'
  | 'repeated-subscript'
  | 'repeated-sign'

export interface InvalidSpan {
  /** The offending characters, in UTF-16 offsets into the scanned text. */
  start: number
  end: number
  text: string
  problem: ClusterProblem
  /** The clusters involved (the one before and the broken one), for suggesting a fix. */
  context: {start: number; end: number}
  /**
   * False for slips HarfBuzz draws without a dotted circle but that are
   * still wrong: a coeng with no consonant after it at the end of a word,
   * the same subscript twice in a row, the same sign twice.
   */
  dottedCircle: boolean
}

export interface ClusterScan {
  clusters: KhmerCluster[]
  invalid: InvalidSpan[]
}

/** One step of the scanner: a category at a UTF-16 offset (a split vowel gives two). */
interface Unit {
  category: KhmerCategory
  cp: number
  start: number
  end: number
}

function unitsOf(text: string): Unit[] {
  const units: Unit[] = []
  let at = 0
  for (const char of text) {
    const cp = char.codePointAt(0)!
    const end = at + char.length
    if (splitVowels.has(cp)) units.push({category: 'VPre', cp, start: at, end})
    units.push({category: khmerCategory(cp), cp, start: at, end})
    at = end
  }
  return units
}

/** The grammar, over categories; each function returns where its match ends. */
class Matcher {
  constructor(private readonly k: readonly KhmerCategory[]) {}

  private is(p: number, ...categories: KhmerCategory[]): boolean {
    return p < this.k.length && categories.includes(this.k[p]!)
  }

  private joinerAt(p: number): boolean {
    return this.is(p, 'ZWJ', 'ZWNJ')
  }

  private c(p: number): boolean {
    return this.is(p, 'C', 'Ra', 'V')
  }

  /** cn; -1 when there is no letter at p. */
  cn(p: number): number {
    if (!this.c(p)) return -1
    if (this.is(p + 1, 'Robatic')) return p + 2
    if (this.joinerAt(p + 1) && this.is(p + 2, 'Robatic')) return p + 3
    return p + 1
  }

  xgroup(p: number): number {
    for (;;) {
      let q = p
      while (this.joinerAt(q)) q++
      if (!this.is(q, 'Xgroup')) return p
      p = q + 1
    }
  }

  matra(p: number): number {
    if (this.is(p, 'VPre')) p++
    p = this.xgroup(p)
    if (this.is(p, 'VBlw')) p++
    p = this.xgroup(p)
    if (this.is(p, 'VAbv')) p++
    else if (this.joinerAt(p) && this.is(p + 1, 'VAbv')) p += 2
    p = this.xgroup(p)
    if (this.is(p, 'VPst')) p++
    return p
  }

  tail(p: number): number {
    p = this.xgroup(p)
    p = this.matra(p)
    p = this.xgroup(p)
    if (this.is(p, 'Coeng') && this.c(p + 1)) p += 2
    while (this.is(p, 'Ygroup')) p++
    return p
  }

  broken(p: number): number {
    if (this.is(p, 'Robatic')) p++
    while (this.is(p, 'Coeng')) {
      const q = this.cn(p + 1)
      if (q < 0) break
      p = q
    }
    if (this.is(p, 'Coeng')) return p + 1
    return this.tail(p)
  }

  /** consonant_syllable; -1 when there is no base at p. */
  syllable(p: number): number {
    const base = this.is(p, 'Placeholder', 'DottedCircle') ? p + 1 : this.cn(p)
    return base < 0 ? -1 : this.broken(base)
  }
}

/**
 * Splits text into Khmer clusters as HarfBuzz does (characters outside any
 * cluster, such as spaces and Latin letters, are skipped) and lists the
 * spans a Khmer reader would call mistyped: every broken cluster, plus a
 * coeng that ends a word.
 */
export function scanClusters(text: string): ClusterScan {
  // Several rules scan the same text nodes; the last scans are kept (the
  // result is read, never changed, by its callers).
  const cached = recentScans.get(text)
  if (cached) return cached
  const scan = scanText(text)
  if (recentScans.size >= recentScanLimit) recentScans.delete(recentScans.keys().next().value!)
  recentScans.set(text, scan)
  return scan
}

const recentScanLimit = 256
const recentScans = new Map<string, ClusterScan>()

function scanText(text: string): ClusterScan {
  const units = unitsOf(text)
  const matcher = new Matcher(units.map((unit) => unit.category))
  const clusters: KhmerCluster[] = []
  // Unit ranges of each cluster, for classifying problems.
  const ranges: Array<[number, number]> = []
  let p = 0
  while (p < units.length) {
    const syllable = matcher.syllable(p)
    const broken = syllable < 0 ? matcher.broken(p) : -1
    const end = syllable > p ? syllable : broken > p ? broken : -1
    if (end < 0) {
      p++
      continue
    }
    const start = units[p]!.start
    const stop = units[end - 1]!.end
    clusters.push({start, end: stop, text: text.slice(start, stop), kind: syllable > p ? 'syllable' : 'broken'})
    ranges.push([p, end])
    p = end
  }
  return {clusters, invalid: mergeSpans(findProblems(text, units, clusters, ranges))}
}

function findProblems(text: string, units: readonly Unit[], clusters: readonly KhmerCluster[], ranges: ReadonlyArray<[number, number]>): InvalidSpan[] {
  const spans: InvalidSpan[] = []
  const span = (start: number, end: number, problem: ClusterProblem, context: {start: number; end: number}, dottedCircle = true) =>
    spans.push({start, end, text: text.slice(start, end), problem, context, dottedCircle})

  clusters.forEach((cluster, i) => {
    const [from, to] = ranges[i]!
    const previous = i > 0 && clusters[i - 1]!.end === cluster.start ? i - 1 : -1
    if (cluster.kind === 'syllable') {
      findRepeats(units, from, to, cluster, span)
      const last = units[to - 1]!
      const next = clusters[i + 1]
      const followedByBroken = next !== undefined && next.start === cluster.end && next.kind === 'broken'
      if (last.category === 'Coeng' && !followedByBroken) {
        // HarfBuzz draws a trailing coeng without a dotted circle, but no word ends in one.
        const invisible = invisibleRunAt(text, cluster.end)
        if (invisible > cluster.end && startsWithLetter(text, invisible)) {
          span(cluster.end, invisible, 'invisible-in-cluster', {start: cluster.start, end: invisible}, false)
        } else {
          span(last.start, last.end, 'trailing-coeng', cluster, false)
        }
      }
      return
    }

    const first = units[from]!
    if (previous < 0) {
      // Nothing Khmer right before: an invisible character splitting a cluster, or a mark with no base.
      const invisibleStart = invisibleRunBefore(text, cluster.start)
      const before = invisibleStart < cluster.start ? clusters.findIndex((c) => c.end === invisibleStart) : -1
      if (before >= 0) span(invisibleStart, cluster.start, 'invisible-in-cluster', {start: clusters[before]!.start, end: cluster.end})
      else span(cluster.start, cluster.end, 'no-base', cluster)
      return
    }

    const prior = clusters[previous]!
    const [priorFrom, priorTo] = ranges[previous]!
    const lastBefore = units[priorTo - 1]!
    const context = {start: prior.start, end: cluster.end}
    const pair = (start: number, problem: ClusterProblem) => span(start, first.end, problem, context)
    if (first.category === 'ZWJ' || first.category === 'ZWNJ') {
      span(first.start, first.end, 'invisible-in-cluster', context)
    } else if (lastBefore.category === 'Coeng') {
      pair(lastBefore.start, first.category === 'Coeng' ? 'repeated-coeng' : 'coeng-without-consonant')
    } else if (lastBefore.category === 'Ygroup') {
      pair(lastBefore.start, 'after-final-sign')
    } else if (isVowel(first.category)) {
      const vowel = units.slice(priorFrom, priorTo).findLast((unit) => isVowel(unit.category))
      if (!vowel) pair(lastBefore.start, 'misplaced')
      else if (vowel.cp === first.cp && vowel.end === first.start) pair(vowel.start, 'duplicate-vowel')
      else if (vowel.category === 'VAbv' && first.category === 'VBlw') pair(vowel.start, 'above-before-below')
      else pair(vowel.start, 'two-vowels')
    } else if (first.category === 'Robatic') {
      const vowel = units.slice(priorFrom, priorTo).find((unit) => isVowel(unit.category))
      pair(vowel ? vowel.start : lastBefore.start, vowel ? 'shifter-after-vowel' : 'misplaced')
    } else {
      pair(lastBefore.start, 'misplaced')
    }
  })
  return spans
}

/**
 * The same subscript twice in a row (ក្ល្ល) or the same sign twice (កំំ):
 * HarfBuzz's grammar allows both and draws no dotted circle, but no Khmer
 * word is spelt so; the second one is the slip.
 */
function findRepeats(
  units: readonly Unit[],
  from: number,
  to: number,
  cluster: KhmerCluster,
  span: (start: number, end: number, problem: ClusterProblem, context: {start: number; end: number}, dottedCircle?: boolean) => void
) {
  for (let k = from; k < to; k++) {
    const unit = units[k]!
    if (unit.category === 'Coeng' && k + 3 < to) {
      const letter = units[k + 1]!
      const again = units[k + 2]!
      const letterAgain = units[k + 3]!
      if (again.category === 'Coeng' && letter.cp === letterAgain.cp && letter.category !== 'Coeng') {
        span(again.start, letterAgain.end, 'repeated-subscript', cluster, false)
        k += 1
      }
    } else if ((unit.category === 'Xgroup' || unit.category === 'Ygroup') && k + 1 < to && units[k + 1]!.cp === unit.cp) {
      span(units[k + 1]!.start, units[k + 1]!.end, 'repeated-sign', cluster, false)
    }
  }
}

/** Joins spans that touch or overlap and have the same problem (`U+17D2 U+17D2 U+17D2`). */
function mergeSpans(spans: InvalidSpan[]): InvalidSpan[] {
  const merged: InvalidSpan[] = []
  for (const span of spans) {
    const last = merged.at(-1)
    if (last && last.problem === span.problem && span.start <= last.end) {
      const end = Math.max(last.end, span.end)
      const text = last.text + span.text.slice(last.end - span.start)
      merged[merged.length - 1] = {...last, end, text, context: {start: last.context.start, end: Math.max(last.context.end, span.context.end)}}
    } else {
      merged.push(span)
    }
  }
  return merged
}

function invisibleRunAt(text: string, at: number): number {
  while (at < text.length && isInvisible(text.codePointAt(at)!)) at++
  return at
}

function invisibleRunBefore(text: string, at: number): number {
  while (at > 0 && isInvisible(text.charCodeAt(at - 1))) at--
  return at
}

function startsWithLetter(text: string, at: number): boolean {
  const cp = text.codePointAt(at)
  if (cp === undefined) return false
  const category = khmerCategory(cp)
  return category === 'C' || category === 'Ra' || category === 'V'
}

/** True when the text is one Khmer syllable that HarfBuzz draws without a dotted circle, with no slip. */
export function isValidSyllable(text: string): boolean {
  const {clusters, invalid} = scanClusters(text)
  return clusters.length === 1 && clusters[0]!.kind === 'syllable' && clusters[0]!.start === 0 && clusters[0]!.end === text.length && invalid.length === 0
}

/*
 * Storage order [sillsdev khnormal]: base, robat, subscripts (coeng-Ro
 * last), register shifter, vowel, above signs, final signs. The rank of
 * each piece of a cluster in that order:
 */
const enum Rank {
  Base,
  Robat,
  Subscript,
  SubscriptRo,
  Shifter,
  Vowel,
  Sign,
  Final
}

interface Piece {
  rank: Rank
  /** Orders vowels as HarfBuzz's matra group does: pre, below, above, post. */
  subRank: number
  text: string
}

const vowelOrder: Partial<Record<KhmerCategory, number>> = {VPre: 0, VBlw: 1, VAbv: 2, VPst: 3}

/** Splits a cluster into ordered pieces, or null when it holds something the order does not cover. */
function piecesOf(cluster: string): Piece[] | null {
  const chars = [...cluster]
  const pieces: Piece[] = []
  for (let i = 0; i < chars.length; i++) {
    const char = chars[i]!
    const cp = char.codePointAt(0)!
    const category = khmerCategory(cp)
    const piece = (rank: Rank, text = char, subRank = 0) => pieces.push({rank, subRank, text})
    if (i === 0) {
      if (category !== 'C' && category !== 'Ra' && category !== 'V') return null
      piece(Rank.Base)
    } else if (category === 'Coeng') {
      const next = chars[i + 1]
      const nextCategory = next === undefined ? 'Other' : khmerCategory(next.codePointAt(0)!)
      // A coeng with no letter after it is a slip for khmer-cluster; leave the cluster alone.
      if (nextCategory !== 'C' && nextCategory !== 'Ra' && nextCategory !== 'V') return null
      piece(nextCategory === 'Ra' ? Rank.SubscriptRo : Rank.Subscript, char + next)
      i++
    } else if (cp === 0x17cc) piece(Rank.Robat)
    else if (category === 'Robatic') piece(Rank.Shifter)
    else if (isVowel(category)) piece(Rank.Vowel, char, splitVowels.has(cp) ? 0 : vowelOrder[category]!)
    else if (cp === 0x17c7 || cp === 0x17c8) piece(Rank.Final)
    else if (category === 'Xgroup' || category === 'Ygroup') piece(Rank.Sign)
    // A joiner's effect depends on its neighbours, so a cluster with one is left as typed.
    else return null
  }
  return pieces
}

/** Vowels typed in two parts, and the one character they stand for [khnormal]. */
const composed: ReadonlyArray<[string, string]> = [
  ['\u17c1\u17b6', '\u17c4'],
  ['\u17c1\u17b8', '\u17be']
]

/**
 * Rewrites one cluster in the standard storage order and composes split
 * vowels typed in two parts. Such text looks the same either way, but only
 * one spelling matches a search. A valid cluster never becomes invalid: if
 * the reordered text would be, the cluster comes back unchanged. Clusters
 * with joiners or a coeng with no letter after it also come back unchanged.
 */
export function normalizeCluster(cluster: string): string {
  // A release repeats the same few hundred syllables.
  let standard = standardForms.get(cluster)
  if (standard === undefined) {
    standard = standardForm(cluster)
    if (standardForms.size < standardFormLimit) standardForms.set(cluster, standard)
  }
  return standard
}

const standardFormLimit = 20_000
const standardForms = new Map<string, string>()

function standardForm(cluster: string): string {
  const pieces = piecesOf(cluster)
  if (!pieces) return cluster
  // Array.prototype.sort is stable, so pieces of equal rank keep their order.
  let result = [...pieces]
    .sort((a, b) => a.rank - b.rank || (a.rank === Rank.Vowel ? a.subRank - b.subRank : 0))
    .map((piece) => piece.text)
    .join('')
  for (const [parts, vowel] of composed) result = result.replaceAll(parts, vowel)
  if (result !== cluster && isValidSyllable(cluster) && !isValidSyllable(result)) return cluster
  return result
}

/** `U+17D2 U+17D2` for the code points of a text. */
export function formatCodePoints(text: string): string {
  return [...text].map((char) => `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(' ')
}
