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

// Costs of the alignment. Two units of different kinds pair rather than
// leave both unpaired (0.5 < 2 × 0.6): a paragraph turned into a list item
// is still the same text.
const gapCost = 0.6
const kindCost = 0.5
const lengthWeight = 2

/**
 * Aligns the English and Khmer units (Needleman–Wunsch): units pair when
 * they hold a similar share of their section's text and are of the same
 * kind; a unit with no counterpart pairs with null. The preview shows the
 * same pairs side by side.
 */
export function pairUnits(en: readonly Unit[], km: readonly Unit[]): UnitPair[] {
  const share = (units: readonly Unit[]) => {
    const lengths = units.map((u) => u.text.replace(/\s+/g, '').length)
    const total = lengths.reduce((a, b) => a + b, 0) || 1
    return lengths.map((length) => length / total)
  }
  const a = share(en)
  const b = share(km)
  const n = en.length
  const m = km.length
  const cost: number[][] = Array.from({length: n + 1}, () => new Array<number>(m + 1).fill(0))
  for (let i = 1; i <= n; i++) cost[i]![0] = i * gapCost
  for (let j = 1; j <= m; j++) cost[0]![j] = j * gapCost
  const pairCost = (i: number, j: number) =>
    (en[i]!.kind === km[j]!.kind ? 0 : kindCost) + Math.abs(a[i]! - b[j]!) * lengthWeight
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      cost[i]![j] = Math.min(cost[i - 1]![j - 1]! + pairCost(i - 1, j - 1), cost[i - 1]![j]! + gapCost, cost[i]![j - 1]! + gapCost)
    }
  }
  const pairs: UnitPair[] = []
  let i = n
  let j = m
  while (i > 0 || j > 0) {
    if (i > 0 && j > 0 && cost[i]![j] === cost[i - 1]![j - 1]! + pairCost(i - 1, j - 1)) {
      pairs.push({en: en[--i]!, km: km[--j]!})
    } else if (i > 0 && cost[i]![j] === cost[i - 1]![j]! + gapCost) {
      pairs.push({en: en[--i]!, km: null})
    } else {
      pairs.push({en: null, km: km[--j]!})
    }
  }
  return pairs.reverse()
}
