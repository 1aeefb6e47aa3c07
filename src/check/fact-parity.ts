import {extractFacts, type Fact, type FactKind} from '../facts/extract.js'
import {pairFacts} from '../facts/pair.js'
import {describeKey, renderFact} from '../facts/render.js'
import type {Lang, Position, Section} from '../release/model.js'
import {pairUnits, sectionUnits} from '../release/pairing.js'
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
      const blockOf = factBlocks(en, km)
      const {onlyEn, onlyKm} = pairFacts(extractFacts(en), extractFacts(km), options.kind, blockOf)
      const unpaired: Record<Lang, Fact[]> = {en: onlyEn, km: onlyKm}
      for (const lang of ['en', 'km'] as const) {
        const other: Lang = lang === 'en' ? 'km' : 'en'
        unpaired[lang].forEach((fact, i) => {
          // The fact it stands for is most likely the unpaired one in the
          // paired block; failing that, unpaired facts correspond in order.
          const block = blockOf(fact)
          const counterpart =
            unpaired[other].find((candidate) => block !== null && blockOf(candidate) === block) ?? unpaired[other][i] ?? null
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

/**
 * Numbers each pair of blocks (the headlines are pair 0, then the pairs of
 * `pairUnits`) and tells which pair a fact stands in.
 */
function factBlocks(en: Section, km: Section): (fact: Fact) => number | null {
  const ranges: Array<{start: number; end: number; pair: number}> = []
  for (const section of [en, km]) {
    if (section.headline) ranges.push({...offsets(section.headline.position), pair: 0})
  }
  pairUnits(sectionUnits(en), sectionUnits(km)).forEach((pair, i) => {
    for (const unit of [pair.en, pair.km]) if (unit) ranges.push({...offsets(unit.position), pair: i + 1})
  })
  return (fact) => {
    const at = fact.node.position.start.offset
    return ranges.find((range) => at >= range.start && at < range.end)?.pair ?? null
  }
}

function offsets(position: Position) {
  return {start: position.start.offset, end: position.end.offset}
}

function capitalise(word: string): string {
  return word[0]!.toUpperCase() + word.slice(1)
}

/** `\`US$1.5 million\` (USD 1,500,000)`: as written, plus the value when it reads differently. */
function describe(fact: Fact): string {
  const value = describeKey(fact)
  return fact.kind === 'amount' ? `\`${fact.text}\` (${value})` : `\`${fact.text}\``
}
