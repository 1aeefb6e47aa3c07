import {extractFacts, type Fact, type FactKind} from '../facts/extract.js'
import {pairFacts} from '../facts/pair.js'
import {describeKey, renderFact} from '../facts/render.js'
import type {Lang, Section} from '../release/model.js'
import {indexPairs} from '../release/pairing.js'
import {sourcePoint} from '../release/text.js'
import {defineRule, type DefaultSeverity, type Rule} from './rule.js'

export interface FactRuleOptions {
  id: string
  kind: FactKind
  severity: DefaultSeverity
  summary: string
}

const names: Record<Lang, string> = {en: 'English', km: 'Khmer'}

/**
 * A rule that wants the facts of one kind to be the same in both languages.
 * Every fact without a twin is reported where it is written, naming the
 * unpaired fact of the other language it most likely stands for.
 */
export function defineFactRule(options: FactRuleOptions): Rule {
  return defineRule({
    id: options.id,
    severity: options.severity,
    summary: options.summary,
    checkRelease(release, {source, report, config}) {
      const en = release.sections.en
      const km = release.sections.km
      if (!en || !km) return
      const {blockOf, lone} = factBlocks(en, km)
      const {onlyEn, onlyKm} = pairFacts(extractFacts(en), extractFacts(km), options.kind, blockOf)
      // A fact in a unit with no counterpart at all is lost with its unit,
      // which `missing-translation` reports: one slip, one message.
      const kept = (fact: Fact) => !lone.has(blockOf(fact) ?? -1)
      const unpaired: Record<Lang, Fact[]> = {en: onlyEn.filter(kept), km: onlyKm.filter(kept)}
      // The first unpaired fact of each block, per language: many facts are looked up at once.
      const firstInBlock: Record<Lang, Map<number, Fact>> = {en: new Map(), km: new Map()}
      for (const lang of ['en', 'km'] as const) {
        for (const fact of unpaired[lang]) {
          const block = blockOf(fact)
          if (block !== null && !firstInBlock[lang].has(block)) firstInBlock[lang].set(block, fact)
        }
      }
      for (const lang of ['en', 'km'] as const) {
        const other: Lang = lang === 'en' ? 'km' : 'en'
        unpaired[lang].forEach((fact, i) => {
          // The fact it stands for is most likely the unpaired one in the
          // paired block; failing that, unpaired facts correspond in order.
          const block = blockOf(fact)
          const counterpart = (block !== null ? firstInBlock[other].get(block) : undefined) ?? unpaired[other][i] ?? null
          const where = counterpart ? sourcePoint(source, counterpart.node, counterpart.index) : null
          const expected = counterpart ? renderFact(counterpart, lang, config.khmerDigits) : null
          const reason = counterpart
            ? `${capitalise(options.kind)} ${describe(fact)} in the ${names[lang]} does not match the ${names[other]} ${describe(counterpart)} at ${where!.line}:${where!.column}; write ${expected} or correct the ${names[other]}`
            : `${capitalise(options.kind)} ${describe(fact)} in the ${names[lang]} is missing from the ${names[other]}; add it there or remove it here`
          report({
            reason,
            place: {start: sourcePoint(source, fact.node, fact.index), end: sourcePoint(source, fact.node, fact.index + fact.text.length)},
            actual: fact.text,
            expected: expected ? [expected] : undefined
          })
        })
      }
    }
  })
}

/** Which pair of units a fact stands in (see `indexPairs`), and which pairs hold a unit alone. */
function factBlocks(en: Section, km: Section): {blockOf: (fact: Fact) => number | null; lone: ReadonlySet<number>} {
  const index = indexPairs(en, km)
  return {blockOf: (fact) => index.pairAt(fact.node.position.start.offset), lone: index.lone}
}

function capitalise(word: string): string {
  return word[0]!.toUpperCase() + word.slice(1)
}

/** `\`US$1.5 million\` (USD 1,500,000)`: as written, plus the value when it reads differently. */
function describe(fact: Fact): string {
  const value = describeKey(fact)
  return fact.kind === 'amount' ? `\`${fact.text}\` (${value})` : `\`${fact.text}\``
}
