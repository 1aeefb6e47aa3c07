import type {Inline, Position, Release} from '../release/model.js'
import {pairUnits, sectionUnits, type Unit, type UnitKind} from '../release/pairing.js'

/** One side of a slot: a headline (unit null) or a unit. */
export interface Block {
  children: Inline[]
  position: Position
  unit: Unit | null
}

/** An English headline or unit with its Khmer counterpart, as the preview and `structure-parity` pair them. */
export interface Slot {
  kind: 'headline' | UnitKind
  en: Block
  km: Block | null
}

export interface ReleaseSlots {
  slots: Slot[]
  /** Khmer units with no English counterpart. */
  khmerOnly: Unit[]
}

/** The English headline and units of a release, in reading order, each with its Khmer counterpart. */
export function releaseSlots(release: Release): ReleaseSlots {
  const en = release.sections.en
  const km = release.sections.km
  const slots: Slot[] = []
  const khmerOnly: Unit[] = []
  if (!en) return {slots, khmerOnly}
  const block = (unit: Unit): Block => ({children: unit.children, position: unit.position, unit})
  if (en.headline) {
    const kmHeadline = km?.headline ? {children: km.headline.children, position: km.headline.position, unit: null} : null
    slots.push({kind: 'headline', en: {children: en.headline.children, position: en.headline.position, unit: null}, km: kmHeadline})
  }
  const kmUnits = km ? sectionUnits(km) : []
  // With no Khmer yet, every English unit stands alone: nothing to align.
  const pairs = kmUnits.length === 0 ? sectionUnits(en).map((unit) => ({en: unit, km: null})) : pairUnits(sectionUnits(en), kmUnits)
  for (const pair of pairs) {
    if (pair.en) slots.push({kind: pair.en.kind, en: block(pair.en), km: pair.km ? block(pair.km) : null})
    else if (pair.km) khmerOnly.push(pair.km)
  }
  return {slots, khmerOnly}
}
