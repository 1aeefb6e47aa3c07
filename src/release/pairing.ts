import type {Block, Inline, Position, Section} from './model.js'
import {plainText} from './text.js'

/** The units a translation is compared by: what a reader sees as one piece of text. */
export type UnitKind = 'paragraph' | 'subhead' | 'item' | 'quote'

export interface Unit {
  kind: UnitKind
  /** The block (for list items, the list) the unit belongs to. */
  block: Block
  children: Inline[]
  text: string
  position: Position
}

export interface UnitPair {
  en: Unit | null
  km: Unit | null
}

/** A section's body as a flat list of units, in reading order. */
export function sectionUnits(section: Section): readonly Unit[] {
  const cached = unitCache.get(section)
  if (cached) return cached
  const units: Unit[] = []
  const visit = (blocks: readonly Block[], inQuote: boolean, parent: Block | null) => {
    for (const block of blocks) {
      switch (block.type) {
        case 'paragraph':
          units.push(unit(inQuote ? 'quote' : parent?.type === 'list' ? 'item' : 'paragraph', parent ?? block, block.children, block.position))
          break
        case 'heading':
          units.push(unit('subhead', block, block.children, block.position))
          break
        case 'list':
          for (const item of block.items) {
            const [first, ...rest] = item.children
            if (first?.type === 'paragraph') {
              units.push(unit(inQuote ? 'quote' : 'item', block, first.children, item.position))
              visit(rest, inQuote, block)
            } else {
              visit(item.children, inQuote, block)
            }
          }
          break
        case 'quote':
          visit(block.children, true, null)
          break
      }
    }
  }
  visit(section.blocks, false, null)
  unitCache.set(section, units)
  return units
}

/** The model is immutable and several rules ask for the same units. */
const unitCache = new WeakMap<Section, Unit[]>()

function unit(kind: UnitKind, block: Block, children: Inline[], position: Position): Unit {
  return {kind, block, children, text: plainText(children), position}
}

// Costs of the alignment, in whole numbers so that sums are exact: the
// same input always gives the same pairs, whatever the order of additions.
/**
 * Units with no counterpart come in runs (a translation stops short, a
 * passage was skipped): a run costs `gapOpen` once plus `gapExtend` per
 * unit (affine gaps, as in Gotoh's alignment), so one run of four is
 * cheaper than two runs of two. A lone unit costs 75. A run at the end of
 * the sections costs a little less per unit: a translation in progress
 * stops short, so where the text alone cannot tell (repeated paragraphs of
 * the same length) the units left alone are the last ones.
 */
const gapOpen = 30
const gapExtend = 45
const trailingExtend = 44
/** Two units of different kinds pair rather than leave both alone (50 < 2 × 75): a paragraph turned into a list item is still the same text. */
const kindCost = 50
/**
 * Cost of a difference in length, per unit of |ln(Khmer length / expected
 * length)|, as in Gale and Church's sentence alignment: a translation is
 * about as long as its original times a ratio, whatever else the section
 * holds, so a section half translated still aligns unit by unit.
 */
const lengthWeight = 100
/** Characters added to every length, so that short items do not weigh like long paragraphs. */
const lengthSmoothing = 20
/** Khmer characters (UTF-16 units, spaces aside) per English letter, before a release's own ratio is measured. */
const usualRatio = 1.1
/**
 * Cells of the alignment table computed at once (a byte each). Longer
 * sections are aligned in pieces along the diagonal, each within this
 * bound, so time and memory stay bounded on any input; releases are far
 * below it (500 × 500 units is a quarter of it).
 */
const defaultMaxCells = 1 << 20

export interface PairOptions {
  /** Largest alignment table computed whole (tests lower it to try the pieces). */
  maxCells?: number
}

/**
 * Aligns the English and Khmer units: units pair when their lengths fit
 * the release's ratio of Khmer to English, they hold the same figures (and
 * the Khmer's Latin words are in the English), and they are of the same
 * kind; a unit with no counterpart pairs with null, and such units are found in
 * runs rather than scattered. Where two alignments cost the same, units
 * are left alone as late as possible: a translation is written from the
 * start. The preview shows the same pairs side by side.
 *
 * Every unit of both sides appears exactly once, in order. The traceback
 * follows stored back-pointers, each of which moves back by at least one
 * unit, so it ends after at most `en.length + km.length` steps.
 */
export function pairUnits(en: readonly Unit[], km: readonly Unit[], options: PairOptions = {}): readonly UnitPair[] {
  const cached = options.maxCells === undefined ? pairCache.get(en)?.get(km) : undefined
  if (cached) return cached
  const maxCells = Math.max(4, options.maxCells ?? defaultMaxCells)
  const pairs = align(costModel(en, km, maxCells), en.length, km.length, maxCells).map(([i, j]) => ({
    en: i === null ? null : en[i]!,
    km: j === null ? null : km[j]!
  }))
  if (options.maxCells === undefined) {
    const byKhmer = pairCache.get(en) ?? new WeakMap()
    byKhmer.set(km, pairs)
    pairCache.set(en, byKhmer)
  }
  return pairs
}

/** Several rules and the preview pair the same sections (`sectionUnits` keeps their units). */
const pairCache = new WeakMap<readonly Unit[], WeakMap<readonly Unit[], readonly UnitPair[]>>()

export interface PairIndex {
  /** `pairUnits` of the two sections. */
  pairs: readonly UnitPair[]
  /**
   * The pair whose source holds an offset: 0 for the headlines, i + 1 for
   * `pairs[i]`, the innermost when units nest (a list item's nested
   * paragraph); null outside every unit.
   */
  pairAt(offset: number): number | null
  /** Numbers of the pairs that hold a unit with no counterpart. */
  lone: ReadonlySet<number>
}

/** The pairs of two sections, and which pair each source offset belongs to, found by binary search. */
export function indexPairs(en: Section, km: Section): PairIndex {
  const ranges: Array<{start: number; end: number; pair: number}> = []
  const lone = new Set<number>()
  for (const section of [en, km]) {
    if (section.headline) ranges.push({start: section.headline.position.start.offset, end: section.headline.position.end.offset, pair: 0})
  }
  const pairs = pairUnits(sectionUnits(en), sectionUnits(km))
  pairs.forEach((pair, i) => {
    if (!pair.en || !pair.km) lone.add(i + 1)
    for (const unit of [pair.en, pair.km]) if (unit) ranges.push({start: unit.position.start.offset, end: unit.position.end.offset, pair: i + 1})
  })
  // Units nest (a list item holds its nested lists) or follow each other: by
  // start, the innermost unit holding an offset is the last one starting before it that has not ended.
  ranges.sort((x, y) => x.start - y.start || y.end - x.end)
  const pairAt = (offset: number) => {
    let low = 0
    let high = ranges.length
    while (low < high) {
      const middle = (low + high) >> 1
      if (ranges[middle]!.start <= offset) low = middle + 1
      else high = middle
    }
    for (let k = low - 1; k >= 0; k--) if (offset < ranges[k]!.end) return ranges[k]!.pair
    return null
  }
  return {pairs, pairAt, lone}
}

/** The total cost of an alignment, as `pairUnits` minimises it. */
export function alignmentCost(en: readonly Unit[], km: readonly Unit[], pairs: readonly UnitPair[]): number {
  const cost = costModel(en, km, defaultMaxCells)
  let total = 0
  let run: 'en' | 'km' | null = null
  pairs.forEach((pair, at) => {
    const alone = pair.en && pair.km ? null : pair.en ? 'en' : 'km'
    // Trailing: the other language has no unit after this one.
    const trailing = alone !== null && pairs.slice(at).every((later) => later[alone === 'en' ? 'km' : 'en'] === null)
    if (alone === null) total += cost.pair(en.indexOf(pair.en!), km.indexOf(pair.km!))
    else total += (alone === run ? 0 : gapOpen) + (trailing ? trailingExtend : gapExtend)
    run = alone
  })
  return total
}

interface CostModel {
  /** Cost of pairing English unit i with Khmer unit j. */
  pair(i: number, j: number): number
}

/**
 * The costs with this release's own ratio of Khmer to English: aligned
 * first with the usual ratio, then measured on the units that paired.
 */
function costModel(en: readonly Unit[], km: readonly Unit[], maxCells: number): CostModel {
  const a = en.map(textLength)
  const b = km.map(textLength)
  const enAnchors = en.map((unit) => anchorsOf(unit.text, 'en'))
  const kmAnchors = km.map((unit) => anchorsOf(unit.text, 'km'))
  const withRatio = (ratio: number): CostModel => {
    const expected = a.map((length) => Math.log(ratio * length + lengthSmoothing))
    const actual = b.map((length) => Math.log(length + lengthSmoothing))
    return {
      pair: (i, j) =>
        (en[i]!.kind === km[j]!.kind ? 0 : kindCost) +
        Math.round(lengthWeight * Math.abs(actual[j]! - expected[i]!)) +
        anchorCost(enAnchors[i]!, kmAnchors[j]!)
    }
  }
  const first = align(withRatio(usualRatio), en.length, km.length, maxCells)
  return withRatio(measuredRatio(first, a, b) ?? usualRatio)
}

/**
 * What a unit's translation keeps as written: its figures (Khmer digits
 * read as Latin ones, without separators: ១,០០០ is 1000), and the Latin
 * words a Khmer text holds (ILO, names, addresses). A few of each unit are
 * compared, so that a long paragraph costs no more than a short one.
 */
interface Anchors {
  /** Figures, and in Khmer the Latin words: up to `anchorLimit`. */
  kept: string[]
  /** Every figure and word of an English unit, to look the Khmer ones up in. */
  all: Set<string>
}

/** The most anchors of one unit compared with another's. */
const anchorLimit = 16
/** Cost of anchors that all differ; anchors all shared cost as much less. */
const anchorWeight = 30

const figure = /[0-9\u17e0-\u17e9]+(?:[.,][0-9\u17e0-\u17e9]+)*/g
const latinWord = /[A-Za-z][A-Za-z0-9]+/g

function anchorsOf(text: string, lang: 'en' | 'km'): Anchors {
  const figures = (limit: number) => {
    const found: string[] = []
    for (const match of text.matchAll(figure)) {
      if (found.length >= limit) break
      const digits = match[0].replace(/[.,]/g, '').replace(/[\u17e0-\u17e9]/g, (d) => String(d.charCodeAt(0) - 0x17e0))
      if (!found.includes(digits)) found.push(digits)
    }
    return found
  }
  if (lang === 'km') {
    const kept = figures(anchorLimit)
    for (const match of text.matchAll(latinWord)) {
      if (kept.length >= anchorLimit) break
      const word = match[0].toLowerCase()
      if (!kept.includes(word)) kept.push(word)
    }
    return {kept, all: new Set()}
  }
  const all = new Set(figures(Infinity))
  for (const match of text.matchAll(latinWord)) all.add(match[0].toLowerCase())
  return {kept: figures(anchorLimit), all}
}

/**
 * From −anchorWeight (every anchor of both units found in the other) to
 * +anchorWeight (none); 0 when neither unit has any. The English unit's
 * figures count, and the Khmer unit's figures and Latin words.
 */
function anchorCost(en: Anchors, km: Anchors): number {
  if (en.kept.length === 0 && km.kept.length === 0) return 0
  let shared = 0
  for (const anchor of km.kept) if (en.all.has(anchor)) shared++
  let considered = km.kept.length
  for (const anchor of en.kept) if (!km.kept.includes(anchor)) considered++
  return Math.round(anchorWeight * (1 - (2 * shared) / considered))
}

function textLength(unit: Unit): number {
  return unit.text.replace(/\s+/g, '').length
}

/** The median ratio of Khmer to English length over paired units long enough to tell; null without any. */
function measuredRatio(pairs: ReadonlyArray<[number | null, number | null]>, a: readonly number[], b: readonly number[]): number | null {
  const ratios = pairs
    .filter(([i, j]) => i !== null && j !== null && a[i]! >= lengthSmoothing && b[j]! >= lengthSmoothing)
    .map(([i, j]) => b[j!]! / a[i!]!)
    .sort((x, y) => x - y)
  if (ratios.length === 0) return null
  const middle = ratios.length >> 1
  const median = ratios.length % 2 === 1 ? ratios[middle]! : (ratios[middle - 1]! + ratios[middle]!) / 2
  return Math.min(4, Math.max(0.25, median))
}

type IndexPair = [number | null, number | null]

/** Index pairs of the alignment, in pieces along the diagonal when the table would exceed maxCells. */
function align(cost: CostModel, n: number, m: number, maxCells: number): IndexPair[] {
  const pieces = Math.max(1, Math.ceil(Math.sqrt(((n + 1) * (m + 1)) / maxCells)))
  const pairs: IndexPair[] = []
  for (let k = 0; k < pieces; k++) {
    const i0 = Math.floor((k * n) / pieces)
    const i1 = Math.floor(((k + 1) * n) / pieces)
    const j0 = Math.floor((k * m) / pieces)
    const j1 = Math.floor(((k + 1) * m) / pieces)
    for (const pair of alignRange(cost, i0, i1, j0, j1, k === pieces - 1)) pairs.push(pair)
  }
  return pairs
}

// The three ways an alignment of two prefixes can end: the last units
// paired, the last English unit alone, the last Khmer unit alone. Each
// cell stores, per way, the way the prefix before it ended (2 bits each).
type Way = 0 | 1 | 2
const paired: Way = 0
const enAlone: Way = 1
const kmAlone: Way = 2
const shift = [0, 2, 4] as const

function infinities(length: number): Float64Array {
  return new Float64Array(length).fill(Infinity)
}

/**
 * The cheapest of three ways to reach a cell (paired, English alone, Khmer
 * alone). Ties go to a unit alone, English first, then to pairing: read
 * from the end, this leaves units alone as late in the section as it can.
 */
function best(pairedCost: number, enCost: number, kmCost: number): Way {
  if (enCost <= kmCost && enCost <= pairedCost) return enAlone
  return kmCost <= pairedCost ? kmAlone : paired
}

function costOf(way: Way, pairedCost: number, enCost: number, kmCost: number): number {
  return way === paired ? pairedCost : way === enAlone ? enCost : kmCost
}

/**
 * Aligns English units i0…i1−1 with Khmer units j0…j1−1 (Gotoh's
 * algorithm: three tables, one per way of ending). Returns index pairs in
 * reading order, null where a unit has no counterpart. Costs are kept for
 * two rows at a time; the back-pointers take one byte a cell. `last`: the
 * range ends both sections, so runs along its far edges are trailing.
 */
function alignRange(cost: CostModel, i0: number, i1: number, j0: number, j1: number, last: boolean): IndexPair[] {
  const rows = i1 - i0
  const cols = j1 - j0
  const width = cols + 1
  const from = new Uint8Array((rows + 1) * width)
  // English alone once the Khmer is used up (the last column), and the reverse.
  const enExtend = (j: number) => (last && j === cols ? trailingExtend : gapExtend)
  const kmExtend = (i: number) => (last && i === rows ? trailingExtend : gapExtend)
  // Costs of the previous and the current row, per way of ending.
  let [pairedBefore, enBefore, kmBefore] = [infinities(width), infinities(width), infinities(width)]
  let [pairedNow, enNow, kmNow] = [infinities(width), infinities(width), infinities(width)]
  pairedBefore[0] = 0
  for (let j = 1; j <= cols; j++) {
    kmBefore[j] = gapOpen + j * kmExtend(0)
    from[j] = (j === 1 ? paired : kmAlone) << shift[kmAlone]
  }
  for (let i = 1; i <= rows; i++) {
    pairedNow.fill(Infinity)
    enNow.fill(Infinity)
    kmNow.fill(Infinity)
    enNow[0] = gapOpen + i * enExtend(0)
    from[i * width] = (i === 1 ? paired : enAlone) << shift[enAlone]
    for (let j = 1; j <= cols; j++) {
      // Pairing English unit i with Khmer unit j, after any way of ending.
      const dp = pairedBefore[j - 1]!
      const de = enBefore[j - 1]!
      const dk = kmBefore[j - 1]!
      const p = best(dp, de, dk)
      pairedNow[j] = costOf(p, dp, de, dk) + cost.pair(i0 + i - 1, j0 + j - 1)
      // English unit i alone: a run goes on, or a new one opens.
      const up = pairedBefore[j]! + gapOpen
      const ue = enBefore[j]!
      const uk = kmBefore[j]! + gapOpen
      const e = best(up, ue, uk)
      enNow[j] = costOf(e, up, ue, uk) + enExtend(j)
      // Khmer unit j alone.
      const lp = pairedNow[j - 1]! + gapOpen
      const le = enNow[j - 1]! + gapOpen
      const lk = kmNow[j - 1]!
      const k = best(lp, le, lk)
      kmNow[j] = costOf(k, lp, le, lk) + kmExtend(i)
      from[i * width + j] = (p << shift[paired]) | (e << shift[enAlone]) | (k << shift[kmAlone])
    }
    ;[pairedBefore, enBefore, kmBefore, pairedNow, enNow, kmNow] = [pairedNow, enNow, kmNow, pairedBefore, enBefore, kmBefore]
  }
  const pairs: IndexPair[] = []
  let i = rows
  let j = cols
  let way = best(pairedBefore[cols]!, enBefore[cols]!, kmBefore[cols]!)
  while (i > 0 || j > 0) {
    // At the edges of the table only one way is possible.
    if (i === 0) way = kmAlone
    else if (j === 0) way = enAlone
    const before = ((from[i * width + j]! >> shift[way]) & 3) as Way
    if (way === paired) pairs.push([i0 + --i, j0 + --j])
    else if (way === enAlone) pairs.push([i0 + --i, null])
    else pairs.push([null, j0 + --j])
    way = before
  }
  return pairs.reverse()
}
