import {VFile} from 'vfile'
import {location} from 'vfile-location'
import {isMap, isScalar, isSeq, parseDocument, type Node as YamlNode} from 'yaml'
import {addMessage} from '../diagnostic/message.js'

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

/** Reads `glossary.yaml`; mistakes are `config` errors at their line:column. */
export function parseGlossary(path: string, text: string): {glossary: Glossary | null; file: VFile} {
  const file = new VFile({path, value: text})
  const place = location(file)
  const error = (reason: string, node: YamlNode | null | undefined) => {
    const start = node?.range?.[0] ?? 0
    const point = place.toPoint(start) ?? {line: 1, column: 1}
    addMessage(file, {ruleId: 'config', severity: 'error', reason, place: {line: point.line, column: point.column, offset: start}})
  }
  const doc = parseDocument(text, {uniqueKeys: true, prettyErrors: false})
  for (const e of doc.errors) {
    const point = place.toPoint(e.pos[0]) ?? {line: 1, column: 1}
    addMessage(file, {ruleId: 'config', severity: 'error', reason: `YAML syntax error: ${e.message.split('\n')[0]}`, place: {...point, offset: e.pos[0]}})
  }
  if (doc.errors.length > 0) return {glossary: null, file}
  const glossary: Glossary = {terms: [], keep: []}
  if (doc.contents === null) return {glossary, file}
  if (!isMap(doc.contents)) {
    error('The glossary holds `terms:` and `keep:`', doc.contents as YamlNode)
    return {glossary: null, file}
  }
  const strings = (node: unknown, what: string): string[] | null => {
    if (isScalar(node) && typeof node.value === 'string' && node.value.trim()) return [node.value]
    if (isSeq(node) && node.items.length > 0 && node.items.every((item) => isScalar(item) && typeof item.value === 'string' && item.value.trim())) {
      return node.items.map((item) => String((item as {value: unknown}).value))
    }
    error(`${what} must be text or a list of text`, node as YamlNode)
    return null
  }
  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? String(pair.key.value) : ''
    if (key === 'keep') {
      glossary.keep = strings(pair.value, '`keep`') ?? []
    } else if (key === 'terms') {
      if (!isSeq(pair.value)) {
        error('`terms` must be a list of `- en: … km: …` entries', pair.value as YamlNode)
        continue
      }
      for (const item of pair.value.items) {
        if (!isMap(item)) {
          error('A term is `en:`, `km:` and an optional `note:`', item as YamlNode)
          continue
        }
        const term: Partial<GlossaryTerm> = {note: null}
        for (const field of item.items) {
          const name = isScalar(field.key) ? String(field.key.value) : ''
          if (name === 'en' || name === 'km') term[name] = strings(field.value, `\`${name}\``) ?? undefined
          else if (name === 'note') term.note = isScalar(field.value) ? String(field.value.value) : null
          else error(`Unknown key \`${name}\` in a term; use en, km and note`, field.key as YamlNode)
        }
        if (!term.en || !term.km) error('A term needs both `en:` and `km:`', item as YamlNode)
        else glossary.terms.push(term as GlossaryTerm)
      }
    } else {
      error(`Unknown key \`${key}\`; the glossary holds \`terms:\` and \`keep:\``, pair.key as YamlNode)
    }
  }
  const ok = !file.messages.some((message) => message.fatal)
  return {glossary: ok ? glossary : null, file}
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
