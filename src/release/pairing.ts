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
// Two units of different kinds pair rather than leave both unpaired
// (50 < 2 × 60): a paragraph turned into a list item is still the same text.
const gapCost = 60
const kindCost = 50
/** Cost of a whole section's share of difference in length (shares are 0–1). */
const lengthWeight = 200
/**
 * Cells of the alignment table computed at once (a byte each). Longer
 * sections are aligned in pieces along the diagonal, each within this
 * bound, so time and memory stay bounded on any input; releases are far
 * below it (500 × 500 units is a quarter of it).
 */
const defaultMaxCells = 1 << 20

// Back-pointers of the table: which step reached a cell.
const pairStep = 0
const enStep = 1
const kmStep = 2

export interface PairOptions {
  /** Largest alignment table computed whole (tests lower it to try the pieces). */
  maxCells?: number
}

/**
 * Aligns the English and Khmer units (Needleman–Wunsch): units pair when
 * they hold a similar share of their section's text and are of the same
 * kind; a unit with no counterpart pairs with null. The preview shows the
 * same pairs side by side.
 *
 * Every unit of both sides appears exactly once, in order. The traceback
 * follows stored back-pointers, each of which moves back by at least one
 * unit, so it ends after at most `en.length + km.length` steps.
 */
export function pairUnits(en: readonly Unit[], km: readonly Unit[], options: PairOptions = {}): UnitPair[] {
  const cost = costModel(en, km)
  const n = en.length
  const m = km.length
  const maxCells = Math.max(4, options.maxCells ?? defaultMaxCells)
  // Pieces: a grid of k × k along the diagonal, the table of each within maxCells.
  const pieces = Math.max(1, Math.ceil(Math.sqrt(((n + 1) * (m + 1)) / maxCells)))
  const pairs: UnitPair[] = []
  for (let k = 0; k < pieces; k++) {
    const i0 = Math.floor((k * n) / pieces)
    const i1 = Math.floor(((k + 1) * n) / pieces)
    const j0 = Math.floor((k * m) / pieces)
    const j1 = Math.floor(((k + 1) * m) / pieces)
    for (const [i, j] of alignRange(cost, i0, i1, j0, j1)) pairs.push({en: i === null ? null : en[i]!, km: j === null ? null : km[j]!})
  }
  return pairs
}

/** The total cost of an alignment, as `pairUnits` minimises it. */
export function alignmentCost(en: readonly Unit[], km: readonly Unit[], pairs: readonly UnitPair[]): number {
  const cost = costModel(en, km)
  let total = 0
  for (const pair of pairs) {
    if (pair.en && pair.km) total += cost.pair(en.indexOf(pair.en), km.indexOf(pair.km))
    else total += gapCost
  }
  return total
}

interface CostModel {
  /** Cost of pairing English unit i with Khmer unit j. */
  pair(i: number, j: number): number
}

function costModel(en: readonly Unit[], km: readonly Unit[]): CostModel {
  const lengths = (units: readonly Unit[]) => units.map((u) => u.text.replace(/\s+/g, '').length)
  const a = lengths(en)
  const b = lengths(km)
  const totalA = Math.max(1, a.reduce((x, y) => x + y, 0))
  const totalB = Math.max(1, b.reduce((x, y) => x + y, 0))
  return {
    pair: (i, j) =>
      (en[i]!.kind === km[j]!.kind ? 0 : kindCost) +
      // |a/totalA − b/totalB| × lengthWeight, rounded to a whole number.
      Math.round((lengthWeight * Math.abs(a[i]! * totalB - b[j]! * totalA)) / (totalA * totalB))
  }
}

/**
 * Aligns English units i0…i1−1 with Khmer units j0…j1−1. Returns index
 * pairs in reading order, null where a unit has no counterpart. Costs are
 * kept for two rows at a time; the back-pointers take one byte a cell.
 */
function alignRange(cost: CostModel, i0: number, i1: number, j0: number, j1: number): Array<[number | null, number | null]> {
  const rows = i1 - i0
  const cols = j1 - j0
  const width = cols + 1
  const step = new Uint8Array((rows + 1) * width)
  let previous = new Float64Array(width)
  let current = new Float64Array(width)
  for (let j = 1; j <= cols; j++) {
    previous[j] = j * gapCost
    step[j] = kmStep
  }
  for (let i = 1; i <= rows; i++) {
    current[0] = i * gapCost
    step[i * width] = enStep
    for (let j = 1; j <= cols; j++) {
      // Ties go to pairing, then to an English unit alone: fixed, so the result is too.
      let best = previous[j - 1]! + cost.pair(i0 + i - 1, j0 + j - 1)
      let from = pairStep
      const up = previous[j]! + gapCost
      if (up < best) {
        best = up
        from = enStep
      }
      const left = current[j - 1]! + gapCost
      if (left < best) {
        best = left
        from = kmStep
      }
      current[j] = best
      step[i * width + j] = from
    }
    ;[previous, current] = [current, previous]
  }
  const pairs: Array<[number | null, number | null]> = []
  let i = rows
  let j = cols
  while (i > 0 || j > 0) {
    const from = step[i * width + j]
    if (from === pairStep) pairs.push([i0 + --i, j0 + --j])
    else if (from === enStep) pairs.push([i0 + --i, null])
    else pairs.push([null, j0 + --j])
  }
  return pairs.reverse()
}
