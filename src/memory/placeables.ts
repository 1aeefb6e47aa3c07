import {termMatches, type Glossary} from '../config/glossary.js'
import {sha256} from '../hash.js'
import {extractFromText, type FactKind} from '../facts/extract.js'
import {groupThousands, numeralPattern, parseNumeral, toKhmerDigits} from '../facts/numerals.js'
import {renderFact, type DigitStyle} from '../facts/render.js'
import type {Lang} from '../release/model.js'
import {sameFact, type SegmentFact} from './segments.js'

/**
 * What a translation carries over without translating it: amounts, dates,
 * figures and glossary terms. Two sentences that differ only in their
 * placeables are the same sentence to the memory.
 */
export interface Placeable {
  kind: FactKind | 'term'
  /** A fact's key, or `term:3` / `keep:0` for the glossary's fourth term or first `keep` entry. */
  key: string
  start: number
  end: number
}

export interface TextWithFacts {
  text: string
  facts: readonly SegmentFact[]
}

/**
 * The placeables of a text: its facts, then the glossary's terms where no
 * fact is, longer terms first (`Government of Japan` over `Japan`). English
 * terms match as whole words, Khmer ones as the `glossary` rule compares
 * them (without U+200B, coeng Da read as coeng Ta).
 */
export function placeablesOf(side: TextWithFacts, lang: Lang, glossary: Glossary): Placeable[] {
  const taken: Placeable[] = side.facts.map((fact) => ({...fact}))
  const candidates = termHits(side.text, lang, glossary).sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start)
  for (const candidate of candidates) {
    if (taken.every((other) => candidate.end <= other.start || candidate.start >= other.end)) taken.push(candidate)
  }
  return taken.sort((a, b) => a.start - b.start)
}

/**
 * Every hit of a glossary term (and of a `keep` entry) in a text, overlaps
 * included: English variants as whole words, Khmer ones without U+200B and
 * with coeng Da read as coeng Ta, as the `glossary` rule compares them.
 */
export function termHits(text: string, lang: Lang, glossary: Glossary): Placeable[] {
  const hits: Placeable[] = []
  const {terms, keep} = glossaryForms(glossary)
  if (lang === 'en') {
    const lower = text.toLowerCase()
    for (const term of terms) {
      for (const variant of term.en) {
        // The first word is searched for plainly: most terms are not in most sentences.
        if (!lower.includes(variant.firstWord)) continue
        for (const m of termMatches(text, variant.text)) hits.push({kind: 'term', key: term.key, start: m.index, end: m.index + m.text.length})
      }
    }
  } else {
    const haystack = khmerForm(text)
    for (const term of terms) {
      for (const variant of term.km) {
        for (let at = haystack.form.indexOf(variant); at !== -1; at = haystack.form.indexOf(variant, at + variant.length)) {
          hits.push({kind: 'term', key: term.key, ...haystack.span(at, at + variant.length)})
        }
      }
    }
  }
  for (const {key, text: written} of keep) {
    if (!text.includes(written)) continue
    for (const m of termMatches(text, written)) hits.push({kind: 'term', key, start: m.index, end: m.index + m.text.length})
  }
  return hits
}

interface GlossaryForms {
  terms: Array<{key: string; en: Array<{text: string; firstWord: string}>; km: string[]}>
  keep: Array<{key: string; text: string}>
}

const formsOf = new WeakMap<Glossary, GlossaryForms>()

/** The glossary's terms in the forms searched for, made once per glossary. */
function glossaryForms(glossary: Glossary): GlossaryForms {
  let forms = formsOf.get(glossary)
  if (!forms) {
    forms = {
      terms: glossary.terms.map((term, i) => ({
        key: `term:${i}`,
        en: term.en.map((text) => ({text, firstWord: text.toLowerCase().split(/\s+/)[0]!})),
        km: term.km.map((text) => khmerForm(text).form).filter(Boolean)
      })),
      keep: glossary.keep.map((text, i) => ({key: `keep:${i}`, text}))
    }
    formsOf.set(glossary, forms)
  }
  return forms
}

/**
 * The text without U+200B and with coeng Da as coeng Ta, and a way back
 * from a span of that form to the text's offsets.
 */
function khmerForm(text: string): {form: string; span(start: number, end: number): {start: number; end: number}} {
  if (!/[\u200B\u178A]/.test(text)) return {form: text, span: (start, end) => ({start, end})}
  let form = ''
  const raw: number[] = []
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!
    if (char === '\u200B') continue
    form += char === '\u178A' && text[i - 1] === '\u17D2' ? '\u178F' : char
    raw.push(i)
  }
  return {form, span: (start, end) => ({start: raw[start]!, end: raw[end - 1]! + 1})}
}

/**
 * The English as the memory compares it: placeables as `{amount}`,
 * `{date}`, `{number}`, `{term}`; quotes straightened, white space
 * collapsed, lower case, without the closing full stop.
 */
export function englishKey(text: string, placeables: readonly Placeable[]): string {
  return withPlaceholders(text, placeables)
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\s*[.!?]$/, '')
    .toLowerCase()
}

/**
 * The Khmer as the memory compares it: placeables as in `englishKey`,
 * without white space or U+200B (spacing is the `khmer-spacing` rule's
 * business), coeng Da as coeng Ta, without the closing ។ or ៕.
 */
export function khmerKey(text: string, placeables: readonly Placeable[]): string {
  return withPlaceholders(text, placeables)
    .replace(/\u17D2\u178A/g, '\u17D2\u178F')
    .replace(/[\s\u200B]+/g, '')
    .replace(/[។៕.]+$/, '')
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
}

/**
 * The keys under which `inconsistent-translation` compares a pair: the
 * English and Khmer without their placeables (`englishKey`, `khmerKey`),
 * each kept as 16 hex digits of its SHA-256 (they are only compared, and the
 * memory stays small); null when either side is too short to compare (fewer
 * than two English words, or four Khmer letters, besides placeables).
 */
export function comparisonKeys(segment: {en: TextWithFacts; km: TextWithFacts}, glossary: Glossary): {en: string; km: string} | null {
  const en = sideKey(segment.en, 'en', glossary)
  const km = en === null ? null : sideKey(segment.km, 'km', glossary)
  return en === null || km === null ? null : {en, km}
}

/**
 * One side's key, or null when it is too short. A side's facts are found in
 * its text, so the key depends on the text alone: boilerplate repeated
 * across the archive is keyed once (the last few thousand texts are kept).
 */
function sideKey(side: TextWithFacts, lang: Lang, glossary: Glossary): string | null {
  let known = sideKeys.get(glossary)
  if (!known) sideKeys.set(glossary, (known = new Map()))
  const id = `${lang}\0${side.text}`
  let key = known.get(id)
  if (key === undefined) {
    const placeables = placeablesOf(side, lang, glossary)
    const text = lang === 'en' ? englishKey(side.text, placeables) : khmerKey(side.text, placeables)
    key = (lang === 'en' ? wordsOf(text) >= 2 : khmerLettersOf(text) >= 4) ? sha256(text).slice(0, 16) : null
    if (known.size >= 5000) known.clear()
    known.set(id, key)
  }
  return key
}

const sideKeys = new WeakMap<Glossary, Map<string, string | null>>()

const wordsOf = (key: string) => (key.replace(/\{\w+\}/g, ' ').match(/\p{L}+/gu) ?? []).length
const khmerLettersOf = (key: string) => (key.replace(/\{\w+\}/g, '').match(/[\u1780-\u17B3]/gu) ?? []).length

function withPlaceholders(text: string, placeables: readonly Placeable[]): string {
  let out = ''
  let at = 0
  for (const placeable of placeables) {
    out += `${text.slice(at, placeable.start)}{${placeable.kind}}`
    at = placeable.end
  }
  return out + text.slice(at)
}

export interface Adaptation {
  /** The earlier Khmer with the new placeables written in. */
  text: string
  /** What was replaced, in order, with where the new text stands in `text`. */
  replaced: Array<{from: string; to: string; start: number; end: number}>
}

/**
 * The earlier Khmer of an English sentence that differs from the new one
 * only in placeables (their `englishKey`s are equal), with each changed
 * placeable written as pressroom writes Khmer: amounts and figures with the
 * new digits (`renderFact`), dates in the letterhead's form, glossary terms
 * as the glossary lists them. Null when a changed placeable has no twin in
 * the earlier Khmer, so that nothing would be left unreplaced silently.
 */
export function adaptKhmer(
  current: {text: string; placeables: readonly Placeable[]},
  earlierEn: {text: string; placeables: readonly Placeable[]},
  earlierKm: {text: string; placeables: readonly Placeable[]},
  glossary: Glossary,
  digits: DigitStyle
): Adaptation | null {
  if (current.placeables.length !== earlierEn.placeables.length) return null
  const changes = earlierEn.placeables.map((old, i) => ({old, now: current.placeables[i]!, nowText: current.text.slice(current.placeables[i]!.start, current.placeables[i]!.end)}))
  if (changes.some(({old, now}) => old.kind !== now.kind)) return null
  const same = (a: Placeable, b: Placeable) => (a.kind === 'term' || b.kind === 'term' ? a.key === b.key : sameFact(a as SegmentFact, b as SegmentFact))
  // Each Khmer placeable takes the first English one of the same value not
  // yet taken; a value the Khmer repeats takes it again, if it still means
  // one new value.
  const taken = new Set<number>()
  const twins: Array<number | null> = []
  for (const placeable of earlierKm.placeables) {
    const candidates = changes.flatMap((change, i) => (same(change.old, placeable) ? [i] : []))
    const fresh = candidates.find((i) => !taken.has(i))
    if (fresh !== undefined) {
      taken.add(fresh)
      twins.push(fresh)
    } else if (candidates.length === 0) {
      twins.push(null)
    } else if (new Set(candidates.map((i) => changes[i]!.now.key)).size === 1) {
      twins.push(candidates[0]!)
    } else {
      return null
    }
  }
  for (const [i, change] of changes.entries()) {
    if (change.old.key !== change.now.key && !taken.has(i)) return null
  }
  let text = ''
  let at = 0
  const replaced: Adaptation['replaced'] = []
  earlierKm.placeables.forEach((placeable, j) => {
    const i = twins[j]
    if (i === null || i === undefined) return
    const {old, now, nowText} = changes[i]!
    if (old.key === now.key) return
    const from = earlierKm.text.slice(placeable.start, placeable.end)
    const to = khmerPlaceable(from, now, nowText, glossary, digits)
    text += earlierKm.text.slice(at, placeable.start)
    replaced.push({from, to, start: text.length, end: text.length + to.length})
    text += to
    at = placeable.end
  })
  text += earlierKm.text.slice(at)
  return {text, replaced}
}

/** A new placeable written into the Khmer where `written` stood. */
function khmerPlaceable(written: string, now: Placeable, nowText: string, glossary: Glossary, digits: DigitStyle): string {
  if (now.kind === 'term') {
    const [list, index] = now.key.split(':') as ['term' | 'keep', string]
    return list === 'keep' ? glossary.keep[Number(index)]! : glossary.terms[Number(index)]!.km[0]!
  }
  const numeral = new RegExp(numeralPattern, 'u').exec(written)
  const value = now.kind === 'date' ? null : Number(now.key.replace(/^[A-Z]{3} /, '').replace('%', ''))
  // An amount or figure written with its digits alone (no scale word such
  // as លាន): only the digits change, the words around them stay as written.
  if (numeral && value !== null && Number.isFinite(value)) {
    const sameCurrency = now.kind === 'number' || currencyOf(now.key) === currencyInKhmer(written)
    if (parseNumeral(numeral[0]) !== null && sameCurrency && !/ប៊ីលាន|លាន|សែន|ម៉ឺន|ពាន់/u.test(written)) {
      const grouped = groupThousands(value)
      const digitsText = digits === 'latin' ? grouped : toKhmerDigits(grouped)
      return written.slice(0, numeral.index) + digitsText + written.slice(numeral.index + numeral[0].length)
    }
  }
  // The new English fact, read again from its text, written as pressroom writes it in Khmer.
  const read = extractFromText(nowText, 'en')
  const fact = read.find((candidate) => candidate.key === now.key) ?? read[0]
  return fact ? renderFact(fact, 'km', digits) : nowText
}

function currencyOf(key: string): string {
  return key.slice(0, 3)
}

const khmerCurrencies: Array<[RegExp, string]> = [
  [/ដុល្លារ|US\$|USD|\$/u, 'USD'],
  [/យ៉េន|JPY|¥/u, 'JPY'],
  [/រៀល|៛|KHR/u, 'KHR'],
  [/អឺរ៉ូ|EUR|€/u, 'EUR']
]

function currencyInKhmer(written: string): string | null {
  return khmerCurrencies.find(([pattern]) => pattern.test(written))?.[1] ?? null
}
