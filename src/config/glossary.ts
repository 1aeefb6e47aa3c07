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

/**
 * The form Khmer text is compared in: without U+200B (an invisible
 * line-break hint) and with coeng Da written as coeng Ta, which looks the
 * same (SIL's Khmer normaliser does the same for matching).
 */
export function khmerMatchForm(text: string): string {
  return text.replace(/\u200B/g, '').replace(/\u17D2\u178A/g, '\u17D2\u178F').normalize('NFC')
}

/** Where an English term stands as a whole word; acronyms match in their case only. */
export function englishTermRegex(term: string): RegExp {
  let regex = termRegexes.get(term)
  if (!regex) {
    regex = compileTermRegex(term)
    termRegexes.set(term, regex)
  }
  regex.lastIndex = 0
  return regex
}

const termRegexes = new Map<string, RegExp>()

function compileTermRegex(term: string): RegExp {
  const escaped = term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+')
  const acronym = term === term.toUpperCase()
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, acronym ? 'gu' : 'giu')
}
