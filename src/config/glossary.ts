import * as v from 'valibot'
import type {VFile} from 'vfile'
import {here, map, readYaml} from './yaml-schema.js'

export interface GlossaryTerm {
  en: string[]
  km: string[]
  note: string | null
}

export interface Glossary {
  terms: GlossaryTerm[]
  /** Terms written the same in both languages (acronyms such as ILO). */
  keep: string[]
}

export const emptyGlossary: Glossary = {terms: [], keep: []}

const filled = (value: string) => value.trim() !== ''

/** A term, or a list of its variants: none of them empty. */
const variants = v.union(
  [
    v.pipe(v.string(), v.check(filled, `${here} is empty; write the term`), v.transform((value) => [value])),
    v.pipe(
      v.array(v.pipe(v.string(`${here} must be text`), v.check(filled, `${here} is empty; write the term or remove the line`))),
      v.minLength(1, `${here} is an empty list; write at least one term`)
    )
  ],
  `${here} must be text or a list of text`
)

// No defaults here: valibot checks a default like a value, and an empty
// `keep` list is a mistake when written.
const glossarySchema = v.nullish(
  map(
    {
      terms: v.optional(
        v.array(
          map(
            {en: variants, km: variants, note: v.nullish(v.union([v.string(), v.pipe(v.number(), v.transform(String))], `${here} must be text`))},
            {notAMap: `${here} must be a term: \`en:\`, \`km:\` and an optional \`note:\``}
          ),
          `${here} must be a list of \`- en: … km: …\` entries`
        )
      ),
      keep: v.optional(variants)
    },
    {notAMap: 'The glossary holds `terms:` and `keep:`; start from the example in README.md'}
  )
)

/** Reads `glossary.yaml`; mistakes are `config` errors at their line:column. An empty file is an empty glossary. */
export function parseGlossary(path: string, text: string): {glossary: Glossary | null; file: VFile} {
  const {value, file} = readYaml(path, text, glossarySchema)
  if (file.messages.length > 0) return {glossary: null, file}
  const terms = (value?.terms ?? []).map(({en, km, note}) => ({en, km, note: note ?? null}))
  return {glossary: {terms, keep: value?.keep ?? []}, file}
}

export {khmerMatchForm} from '../khmer/match.js'

/**
 * Where an English term stands as a whole word, in order; acronyms match in
 * their case only. The term is searched for as written (spaces match any
 * white space) and each hit kept when no letter or digit touches it: one
 * regular expression with look-arounds for letters would cost a
 * millisecond to compile per term.
 */
export function* termMatches(text: string, term: string): Generator<{index: number; text: string}> {
  const regex = termRegex(term)
  let from = 0
  for (;;) {
    // The regular expression is shared: each search says where it starts.
    regex.lastIndex = from
    const match = regex.exec(text)
    if (!match) return
    const end = match.index + match[0].length
    if (wordCharBefore(text, match.index) || wordCharAt(text, end)) {
      from = match.index + 1
      continue
    }
    from = end
    yield {index: match.index, text: match[0]}
  }
}

/** The first whole-word hit of `term` in `text`, or null. */
export function firstTerm(text: string, term: string): {index: number; text: string} | null {
  for (const match of termMatches(text, term)) return match
  return null
}

const termRegexes = new Map<string, RegExp>()

function termRegex(term: string): RegExp {
  let regex = termRegexes.get(term)
  if (!regex) {
    const escaped = term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+')
    const acronym = term === term.toUpperCase()
    regex = new RegExp(escaped, acronym ? 'gu' : 'giu')
    termRegexes.set(term, regex)
  }
  return regex
}

const wordChar = /^[\p{L}\p{N}]$/u

function wordCharAt(text: string, index: number): boolean {
  const code = text.codePointAt(index)
  return code !== undefined && wordChar.test(String.fromCodePoint(code))
}

function wordCharBefore(text: string, index: number): boolean {
  if (index === 0) return false
  const low = text.charCodeAt(index - 1)
  const start = low >= 0xdc00 && low <= 0xdfff && index >= 2 ? index - 2 : index - 1
  return wordCharAt(text, start)
}
