import type {Config} from '../config/model.js'
import {extractFacts, type Fact, type FactKind} from '../facts/extract.js'
import {factBlocks, pairFacts, type FactPair} from '../facts/pair.js'
import {describeKey, renderFact, renderValue} from '../facts/render.js'
import type {Lang, Position, Release} from '../release/model.js'
import {indexPairs} from '../release/pairing.js'
import {isEmptySection, sourcePoint} from '../release/text.js'
import {defineRule, type DefaultSeverity, type Finding, type Rule} from './rule.js'

export interface FactRuleOptions {
  id: string
  kind: FactKind
  severity: DefaultSeverity
  summary: string
}

const names: Record<Lang, string> = {en: 'English', km: 'Khmer'}

/**
 * A rule that wants the facts of one kind to be the same in both languages.
 * All three fact rules share one reading of the release (`factFindings`);
 * each reports the findings of its kind.
 */
export function defineFactRule(options: FactRuleOptions): Rule {
  return defineRule({
    id: options.id,
    severity: options.severity,
    summary: options.summary,
    checkRelease(release, {source, report, config}) {
      for (const finding of factFindings(release, source, config)) if (finding.kind === options.kind) report(finding)
    }
  })
}

type KindFinding = Finding & {kind: FactKind}

const findingCache = new WeakMap<Release, WeakMap<Config, KindFinding[]>>()

/**
 * What the fact rules report about a release, reported once per slip:
 *
 * - a slip inside one fact (a misspelt month, a date that does not exist,
 *   scale words out of order, a Khmer date written month first), at the fact;
 * - twins that differ in a way that names the slip (a Khmer date with its
 *   day and month swapped, an amount or percentage whose twin lost its
 *   currency or percent sign), at the side that slipped;
 * - facts with no twin. Those of a block are set against the unpaired
 *   facts of the same kind in the paired block (failing that, in reading
 *   order); each message names both values and both places. When the rest
 *   of the release writes one of the two values and never the other, the
 *   other is the slip: only it is reported, with the value to write.
 *   Otherwise both are, and neither value is suggested.
 */
export function factFindings(release: Release, source: string, config: Config): KindFinding[] {
  let byConfig = findingCache.get(release)
  if (!byConfig) findingCache.set(release, (byConfig = new WeakMap()))
  let findings = byConfig.get(config)
  if (!findings) byConfig.set(config, (findings = findFactSlips(release, source, config)))
  return findings
}

function findFactSlips(release: Release, source: string, config: Config): KindFinding[] {
  const findings: KindFinding[] = []
  const en = release.sections.en
  const km = release.sections.km
  const facts: Record<Lang, readonly Fact[]> = {en: en ? extractFacts(en) : [], km: km ? extractFacts(km) : []}
  const place = (fact: Fact): Position => {
    const first = fact.spans[0]!
    const last = fact.spans.at(-1)!
    return {start: sourcePoint(source, first.node, first.start), end: sourcePoint(source, last.node, last.end)}
  }
  const at = (fact: Fact) => {
    const {line, column} = place(fact).start
    return `${line}:${column}`
  }
  const digits = config.khmerDigits

  // Slips inside one fact.
  for (const fact of [...facts.en, ...facts.km]) {
    if (!fact.problem) continue
    const {reason, expected} = fact.problem
    const fix = expected && !reason.endsWith('?') ? `; write ${expected}` : ''
    findings.push({
      kind: fact.kind,
      reason: `${capitalise(kindName(fact))} ${describe(fact)} in the ${names[fact.lang]} ${reason}${fix}`,
      place: place(fact),
      actual: fact.text,
      ...(expected ? {expected: [expected]} : {})
    })
  }
  // An absent or empty section is `language-sections`' or `untranslated`'s: one slip, one message.
  if (!en || !km || isEmptySection(en) || isEmptySection(km)) return findings

  const blockOf = factBlocks(en, km)
  const {pairs, ...unpaired} = pairFacts(facts.en, facts.km, blockOf)
  // A fact in a unit with no counterpart at all is lost with its unit,
  // which `missing-translation` reports: one slip, one message.
  const {lone} = indexPairs(en, km)
  const kept = (fact: Fact) => !lone.has(blockOf(fact) ?? -1)
  const onlyEn = unpaired.onlyEn.filter(kept)
  const onlyKm = unpaired.onlyKm.filter(kept)

  // Twins that name their slip.
  for (const pair of pairs) {
    const finding = slipOfPair(pair, place, at, digits)
    if (finding) findings.push(finding)
  }

  // Facts without a twin.
  const support = new Map<string, number>()
  const count = (key: string, n = 1) => support.set(key, (support.get(key) ?? 0) + n)
  for (const fact of [...facts.en, ...facts.km]) count(fact.key)
  // The office's phone number in pressroom.yaml speaks for itself.
  const tel = config.contact.tel?.replace(/\D/g, '')
  const officeTel = tel ? `tel ${tel.replace(/^855/, '0')}` : null
  if (officeTel) count(officeTel)
  const others = (fact: Fact) => (support.get(fact.key) ?? 0) - 1
  const hasEra: Record<Lang, boolean> = {
    en: facts.en.some((fact) => fact.value.type === 'era-year'),
    km: facts.km.some((fact) => fact.value.type === 'era-year')
  }
  // A Buddhist-era year is compared only when both languages write one (Khmer dates often carry one English ones lack).
  const reportable = (fact: Fact) => !fact.soft && !fact.problem && !(fact.value.type === 'era-year' && !hasEra[fact.lang === 'en' ? 'km' : 'en'])
  for (const [a, b] of mismatches(onlyEn, onlyKm, blockOf)) {
    const sides: Array<[Fact, Fact | null]> = b ? [[a, b], [b, a]] : [[a, null]]
    for (const [fact, twin] of sides) {
      if (!reportable(fact)) continue
      const lang = fact.lang
      const other: Lang = lang === 'en' ? 'km' : 'en'
      const kind = capitalise(kindName(fact))
      if (!twin) {
        findings.push({
          kind: fact.kind,
          reason: `${kind} ${describe(fact)} in the ${names[lang]} is missing from the ${names[other]}; add it there or remove it here`,
          place: place(fact),
          actual: fact.text
        })
        continue
      }
      const mine = others(fact)
      const theirs = others(twin)
      // The rest of the release writes the twin's value and never this one: this is the slip.
      const slipHere = theirs > 0 && mine === 0 && !twin.soft
      const slipThere = mine > 0 && theirs === 0 && !twin.soft && !twin.problem
      if (slipThere) continue
      const expected = renderFact(twin, lang, digits)
      const evidence = twin.key === officeTel && theirs === 1 ? `the contact number in pressroom.yaml is ${config.contact.tel}` : `the release gives ${describeKey(twin)} ${times(theirs)} elsewhere`
      const advice = slipHere
        ? `write ${expected} (${evidence})`
        : `correct whichever of the two is wrong`
      findings.push({
        kind: fact.kind,
        reason: `${kind} ${describe(fact)} in the ${names[lang]} does not match the ${names[other]} ${describe(twin)} at ${at(twin)}; ${advice}`,
        place: place(fact),
        actual: fact.text,
        ...(slipHere ? {expected: [expected]} : {})
      })
    }
  }
  return findings
}

/** The message of a pair of twins that differ by a slip it can name, on the side that slipped. */
function slipOfPair(pair: FactPair, place: (fact: Fact) => Position, at: (fact: Fact) => string, digits: Config['khmerDigits']): KindFinding | null {
  switch (pair.via) {
    case 'swapped': {
      const {km, en} = pair
      const expected = swapDayMonth(km.text)
      return {
        kind: 'date',
        reason: `Date ${describe(km)} in the Khmer does not match the English ${describe(en)} at ${at(en)}, but would with its day and month swapped (Khmer dates are day/month/year); write ${expected}`,
        place: place(km),
        actual: km.text,
        expected: [expected]
      }
    }
    case 'no-currency':
    case 'no-percent': {
      const [whole, bare] = pair.via === 'no-currency' ? (pair.en.kind === 'amount' ? [pair.en, pair.km] : [pair.km, pair.en]) : pair.en.key.endsWith('%') ? [pair.en, pair.km] : [pair.km, pair.en]
      const expected = renderValue(whole.value, bare.lang, digits)
      const missing = pair.via === 'no-currency' ? 'currency' : 'percent sign'
      return {
        kind: whole.kind,
        reason: `Number \`${bare.text}\` in the ${names[bare.lang]} has no ${missing}, but the ${names[whole.lang]} has ${describe(whole)} at ${at(whole)}; write ${expected}`,
        place: place(bare),
        actual: bare.text,
        expected: [expected]
      }
    }
    default:
      return null
  }
}

/** `០៤/០៣/២០២៦` → `០៣/០៤/២០២៦`. */
function swapDayMonth(text: string): string {
  return text.replace(/([0-9\u17e0-\u17e9]{1,2})([./-])([0-9\u17e0-\u17e9]{1,2})\2/u, '$3$2$1$2')
}

/**
 * Sets unpaired facts against each other: in the same paired block and of
 * the same sort (amounts, dates, counts, times, phone numbers), in reading
 * order; what is left, in reading order across the release. A fact with
 * nothing to set it against stands alone.
 */
function mismatches(onlyEn: readonly Fact[], onlyKm: readonly Fact[], blockOf: (fact: Fact) => number | null): Array<[Fact, Fact | null]> {
  const result: Array<[Fact, Fact | null]> = []
  const used = new Set<Fact>()
  const zip = (group: (fact: Fact) => string | null) => {
    const byGroup = new Map<string, Fact[]>()
    for (const fact of onlyKm) {
      if (used.has(fact)) continue
      const key = group(fact)
      if (key === null) continue
      const list = byGroup.get(key)
      if (list) list.push(fact)
      else byGroup.set(key, [fact])
    }
    for (const fact of onlyEn) {
      if (used.has(fact)) continue
      const key = group(fact)
      const twin = key === null ? undefined : byGroup.get(key)?.shift()
      if (!twin) continue
      used.add(fact)
      used.add(twin)
      result.push([fact, twin])
    }
  }
  // Hard facts first, so that a number written in words does not take a figure's place.
  zip((fact) => (fact.soft || blockOf(fact) === null ? null : `${blockOf(fact)} ${sortOf(fact)}`))
  zip((fact) => (blockOf(fact) === null ? null : `${blockOf(fact)} ${sortOf(fact)}`))
  zip((fact) => (fact.soft ? null : sortOf(fact)))
  for (const fact of [...onlyEn, ...onlyKm]) if (!used.has(fact)) result.push([fact, null])
  return result
}

function sortOf(fact: Fact): string {
  return fact.value.type
}

function kindName(fact: Fact): string {
  switch (fact.value.type) {
    case 'phone':
      return 'phone number'
    case 'time':
      return 'time'
    case 'era-year':
      return 'Buddhist-era year'
    default:
      return fact.kind
  }
}

function capitalise(word: string): string {
  return word[0]!.toUpperCase() + word.slice(1)
}

function times(n: number): string {
  return n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`
}

/** `\`US$1.5 million\` (USD 1,500,000)`: as written, plus the value when it reads differently. */
function describe(fact: Fact): string {
  const written = `\`${fact.text}\``
  const value = describeKey(fact)
  switch (fact.value.type) {
    case 'amount':
      return `${written} (${value})`
    case 'date':
      return fact.lang === 'en' && /[A-Za-z]/.test(fact.text) ? written : `${written} (${value})`
    case 'time':
      return fact.text.replace(/\s/g, '') === value.replace(/\s/g, '') ? written : `${written} (${value})`
    default:
      return written
  }
}
