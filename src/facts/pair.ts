import type {Section} from '../release/model.js'
import {indexPairs} from '../release/pairing.js'
import type {Fact} from './extract.js'

/**
 * How two facts were found to be twins: by their value (`key`), by another
 * reading of one of them (`alternate`: a numeric date that reads both ways,
 * an hour without a.m. or p.m.), or as a slip that names its fix: a Khmer
 * date whose day and month are swapped (`swapped`), an amount whose twin
 * lost its currency (`no-currency`) or a percentage whose twin lost its
 * percent sign (`no-percent`). A date written without its year pairs with
 * the same day and month written with one (`day-month`).
 */
export type PairVia = 'key' | 'alternate' | 'day-month' | 'swapped' | 'no-currency' | 'no-percent'

export interface FactPair {
  en: Fact
  km: Fact
  via: PairVia
}

export interface FactPairing {
  pairs: FactPair[]
  /** Facts of the English with no twin in the Khmer, in reading order. */
  onlyEn: Fact[]
  onlyKm: Fact[]
}

/**
 * Pairs the facts of the two languages as multisets: equal values pair,
 * first within paired blocks, then anywhere in reading order; then by the
 * other readings and the slips above. Each step indexes the Khmer facts by
 * key, so pairing is linear in the number of facts.
 */
export function pairFacts(
  en: readonly Fact[],
  km: readonly Fact[],
  /** Which paired block each fact stands in, when known: twins in the same block pair first. */
  blockOf: (fact: Fact) => number | null = () => null
): FactPairing {
  const pairs: FactPair[] = []
  const paired = new Set<Fact>()
  const take = (via: PairVia, enKeys: (fact: Fact) => readonly string[], kmKeys: (fact: Fact) => readonly string[], sameBlock: boolean) => {
    const index = new Map<string, Fact[]>()
    for (const fact of km) {
      if (paired.has(fact)) continue
      const block = sameBlock ? blockOf(fact) : null
      if (sameBlock && block === null) continue
      for (const key of kmKeys(fact)) {
        const slot = `${block}|${key}`
        const list = index.get(slot)
        if (list) list.push(fact)
        else index.set(slot, [fact])
      }
    }
    for (const fact of en) {
      if (paired.has(fact)) continue
      const block = sameBlock ? blockOf(fact) : null
      if (sameBlock && block === null) continue
      for (const key of enKeys(fact)) {
        const list = index.get(`${block}|${key}`)
        // Facts already taken are dropped from the front; each is dropped once.
        while (list && list.length > 0 && paired.has(list[0]!)) list.shift()
        const twin = list?.shift()
        if (!twin) continue
        paired.add(fact)
        paired.add(twin)
        pairs.push({en: fact, km: twin, via})
        break
      }
    }
  }
  const key = (fact: Fact) => [fact.key]
  const readings = (fact: Fact) => [fact.key, ...fact.alternates]
  const swapped = (fact: Fact) => (fact.swapped ? [fact.swapped] : [])
  const dayMonth = (fact: Fact) => (fact.kind === 'date' ? [fact.key.slice(-5)] : [])
  const withoutYear = (fact: Fact) => (fact.kind === 'date' && fact.key.startsWith('--') ? [fact.key.slice(-5)] : [])
  const amountValue = (fact: Fact) => (fact.value.type === 'amount' ? [`= ${fact.value.value}`] : [])
  const plainValue = (fact: Fact) => (fact.value.type === 'number' && !fact.value.percent && !fact.soft ? [`= ${fact.value.value}`] : [])
  const percentValue = (fact: Fact) => (fact.value.type === 'number' && fact.value.percent ? [`= ${fact.value.value}`] : [])
  for (const sameBlock of [true, false]) {
    take('key', key, key, sameBlock)
    take('alternate', readings, readings, sameBlock)
    take('swapped', key, swapped, sameBlock)
    take('day-month', withoutYear, dayMonth, sameBlock)
    take('day-month', dayMonth, withoutYear, sameBlock)
  }
  // A unit lost in translation, only between facts of the same block.
  take('no-currency', amountValue, plainValue, true)
  take('no-currency', plainValue, amountValue, true)
  take('no-percent', percentValue, plainValue, true)
  take('no-percent', plainValue, percentValue, true)
  pairs.sort((a, b) => a.en.offset - b.en.offset)
  return {pairs, onlyEn: en.filter((fact) => !paired.has(fact)), onlyKm: km.filter((fact) => !paired.has(fact))}
}

/**
 * Numbers each pair of blocks (the headlines are pair 0, then the pairs of
 * `pairUnits`) and tells which pair a fact stands in.
 */
export function factBlocks(en: Section, km: Section): (fact: Fact) => number | null {
  const index = indexPairs(en, km)
  return (fact) => index.pairAt(fact.spans[0]?.node.position.start.offset ?? -1)
}

