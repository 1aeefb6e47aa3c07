import type {Fact, FactKind} from './extract.js'

export interface FactPairing {
  pairs: Array<{en: Fact; km: Fact}>
  /** Facts of the English with no twin in the Khmer, in reading order. */
  onlyEn: Fact[]
  onlyKm: Fact[]
}

/**
 * Pairs the facts of one kind between the languages as multisets: equal keys
 * pair, first within paired blocks, then in reading order; then a date written without its year pairs with
 * the same day and month written with one.
 */
export function pairFacts(
  en: readonly Fact[],
  km: readonly Fact[],
  kind: FactKind,
  /** Which paired block each fact stands in, when known: equal keys in the same block pair first. */
  blockOf: (fact: Fact) => number | null = () => null
): FactPairing {
  const onlyEn = en.filter((fact) => fact.kind === kind)
  const onlyKm = km.filter((fact) => fact.kind === kind)
  const pairs: FactPairing['pairs'] = []
  const take = (matches: (a: Fact, b: Fact) => boolean) => {
    for (let i = 0; i < onlyEn.length; i++) {
      const j = onlyKm.findIndex((candidate) => matches(onlyEn[i]!, candidate))
      if (j === -1) continue
      pairs.push({en: onlyEn[i]!, km: onlyKm[j]!})
      onlyEn.splice(i, 1)
      onlyKm.splice(j, 1)
      i--
    }
  }
  take((a, b) => a.key === b.key && blockOf(a) !== null && blockOf(a) === blockOf(b))
  take((a, b) => a.key === b.key)
  if (kind === 'date') take((a, b) => (a.key.startsWith('--') || b.key.startsWith('--')) && a.key.slice(-5) === b.key.slice(-5))
  pairs.sort((a, b) => a.en.node.position.start.offset + a.en.index - (b.en.node.position.start.offset + b.en.index))
  return {pairs, onlyEn, onlyKm}
}
