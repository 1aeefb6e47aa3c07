import leven from 'leven'
import {VFile} from 'vfile'
import {location} from 'vfile-location'
import {isMap, isScalar, isSeq, LineCounter, parseDocument, type Node as YamlNode} from 'yaml'
import {addMessage} from '../diagnostic/message.js'
import type {Position} from '../release/model.js'
import type {Config, FontRoles, LangPair, RuleSetting} from './model.js'
import {emptyGlossary} from './glossary.js'
import {compileReference} from './reference.js'

/** Shape of a config value, enough to validate it and point at mistakes. */
type Schema =
  | {kind: 'string'}
  | {kind: 'strings'}
  | {kind: 'enum'; values: readonly string[]}
  | {kind: 'count'; min: number; max: number}
  | {kind: 'object'; keys: Record<string, Schema>; required?: readonly string[]}
  | {kind: 'map'; keys: () => readonly string[] | null; value: Schema}

const string: Schema = {kind: 'string'}
const strings: Schema = {kind: 'strings'}
const langPair: Schema = {kind: 'object', keys: {en: string, km: string}, required: ['en', 'km']}
const fontRoles: Schema = {kind: 'object', keys: {regular: strings, bold: strings, italic: strings, boldItalic: strings}}

const ruleSettings = ['off', 'warn', 'error'] as const

function configSchema(ruleIds: readonly string[] | null): Schema {
  return {
    kind: 'object',
    required: ['organisation', 'title', 'reference'],
    keys: {
      organisation: langPair,
      title: langPair,
      reference: string,
      contact: {kind: 'object', keys: {name: langPair, tel: string, email: string, website: string}},
      site: {kind: 'object', keys: {baseUrl: string, feedEntries: {kind: 'count', min: 1, max: 10_000}}},
      email: {kind: 'object', keys: {from: string, to: strings, replyTo: string, listUnsubscribe: string}},
      khmerDigits: {kind: 'enum', values: ['khmer', 'latin', 'either']},
      timeZone: string,
      fonts: {kind: 'object', keys: {en: fontRoles, km: fontRoles}},
      rules: {kind: 'map', keys: () => ruleIds, value: {kind: 'enum', values: ruleSettings}}
    }
  }
}

/** How many releases each Atom feed carries, newest first, unless the config says otherwise. */
export const defaultFeedEntries = 50

/** Fonts used when the config names none: sans-serif faces shipped in `fonts/`. */
export const defaultFonts: Record<'en' | 'km', FontRoles> = {
  en: {
    regular: ['fonts/NotoSans-Regular.ttf', 'fonts/NotoSansKhmer-Regular.ttf'],
    bold: ['fonts/NotoSans-Bold.ttf', 'fonts/NotoSansKhmer-Bold.ttf'],
    italic: ['fonts/NotoSans-Italic.ttf', 'fonts/NotoSansKhmer-Regular.ttf'],
    boldItalic: ['fonts/NotoSans-BoldItalic.ttf', 'fonts/NotoSansKhmer-Bold.ttf']
  },
  km: {
    regular: ['fonts/NotoSansKhmer-Regular.ttf', 'fonts/NotoSans-Regular.ttf'],
    bold: ['fonts/NotoSansKhmer-Bold.ttf', 'fonts/NotoSans-Bold.ttf'],
    italic: ['fonts/NotoSansKhmer-Regular.ttf', 'fonts/NotoSans-Italic.ttf'],
    boldItalic: ['fonts/NotoSansKhmer-Bold.ttf', 'fonts/NotoSans-BoldItalic.ttf']
  }
}

export interface ParsedConfig {
  /** Null when the file has errors. */
  config: Config | null
  file: VFile
}

/**
 * Reads `pressroom.yaml`. Every mistake is an error message at its
 * line:column: YAML syntax, unknown or misspelled keys (with a did-you-mean),
 * wrong types, missing required keys, an invalid reference pattern.
 */
/**
 * Parses and validates `pressroom.yaml`. `ruleIds` are the rule names the
 * `rules:` map may use; null takes any (a build's render threads read a
 * config the build checked already, without loading the rules).
 */
export function parseConfig(path: string, root: string, text: string, ruleIds: readonly string[] | null): ParsedConfig {
  const file = new VFile({path, value: text})
  const place = location(file)
  const lineCounter = new LineCounter()
  const doc = parseDocument(text, {uniqueKeys: true, prettyErrors: false, lineCounter})
  const positions: Record<string, Position> = {}
  const toPosition = (range: readonly number[] | null | undefined): Position => {
    const [start = 0, end = start] = range ?? []
    const a = place.toPoint(start) ?? {line: 1, column: 1}
    const b = place.toPoint(end) ?? a
    return {start: {line: a.line, column: a.column, offset: start}, end: {line: b.line, column: b.column, offset: end}}
  }
  const error = (reason: string, range: readonly number[] | null | undefined, extra: {actual?: string; expected?: string[]} = {}) =>
    addMessage(file, {ruleId: 'config', severity: 'error', reason, place: toPosition(range), ...extra})

  for (const e of doc.errors) error(`YAML syntax error: ${(e.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')}`, e.pos)
  if (doc.errors.length > 0) return {config: null, file}

  const validate = (node: YamlNode | null, schema: Schema, key: string, parentRange: readonly number[] | null | undefined): unknown => {
    const range = node?.range ?? parentRange
    if (node) positions[key] = toPosition(range)
    switch (schema.kind) {
      case 'string': {
        if (isScalar(node) && (typeof node.value === 'string' || typeof node.value === 'number')) return String(node.value)
        error(`\`${key}\` must be text`, range)
        return undefined
      }
      case 'strings': {
        if (isScalar(node) && typeof node.value === 'string') return [node.value]
        if (isSeq(node) && node.items.every((item) => isScalar(item) && typeof item.value === 'string')) {
          return node.items.map((item) => String((item as {value: unknown}).value))
        }
        error(`\`${key}\` must be text or a list of text`, range)
        return undefined
      }
      case 'count': {
        if (isScalar(node) && typeof node.value === 'number' && Number.isInteger(node.value) && node.value >= schema.min && node.value <= schema.max) {
          return node.value
        }
        error(`\`${key}\` must be a whole number from ${schema.min} to ${schema.max}`, range)
        return undefined
      }
      case 'enum': {
        const value = isScalar(node) ? String(node.value) : ''
        if (schema.values.includes(value)) return value
        const suggestion = closest(value, schema.values)
        error(
          `\`${key}\` is \`${value}\`; use one of ${schema.values.map((v) => `\`${v}\``).join(', ')}${suggestion ? ` (did you mean \`${suggestion}\`?)` : ''}`,
          range,
          {actual: value, expected: [...schema.values]}
        )
        return undefined
      }
      case 'object':
      case 'map': {
        if (!isMap(node)) {
          error(`\`${key}\` must be a set of \`key: value\` lines`, range)
          return undefined
        }
        // A map without known keys takes any (rule names, when the caller checked them already).
        const known = schema.kind === 'object' ? Object.keys(schema.keys) : schema.keys()
        const out: Record<string, unknown> = {}
        for (const pair of node.items) {
          const keyNode = pair.key as YamlNode
          const name = isScalar(keyNode) ? String(keyNode.value) : String(keyNode)
          const path = key ? `${key}.${name}` : name
          const childSchema = schema.kind === 'object' ? schema.keys[name] : !known || known.includes(name) ? schema.value : undefined
          if (!childSchema) {
            // Not reached for a map without known keys, which takes every key.
            if (!known) continue
            const suggestion = closest(name, known)
            const what = schema.kind === 'map' && key === 'rules' ? 'rule' : 'key'
            error(
              `Unknown ${what} \`${path}\`${suggestion ? `; did you mean \`${key ? `${key}.` : ''}${suggestion}\`?` : `; known ${what}s: ${known.join(', ')}`}`,
              keyNode.range,
              {actual: name, expected: suggestion ? [suggestion] : [...known]}
            )
            continue
          }
          out[name] = validate(pair.value as YamlNode | null, childSchema, path, keyNode.range)
        }
        if (schema.kind === 'object') {
          for (const required of schema.required ?? []) {
            if (!(required in out)) error(`\`${key ? `${key}.` : ''}${required}\` is missing; add it`, node.range ? [node.range[0], node.range[0]] : range)
          }
        }
        return out
      }
    }
  }

  const raw = doc.contents
    ? (validate(doc.contents as YamlNode, configSchema(ruleIds), '', [0, 0]) as Record<string, any> | undefined)
    : (error('The config is empty; start from the example in README.md', [0, 0]), undefined)

  if (raw && typeof raw.reference === 'string') {
    const problem = compileReference(raw.reference).problem
    if (problem) error(`\`reference\`: ${problem}`, doc.getIn(['reference'], true) ? (doc.getIn(['reference'], true) as YamlNode).range : [0, 0])
  }
  if (!raw || file.messages.some((m) => m.fatal)) return {config: null, file}

  const config: Config = {
    path,
    root,
    organisation: raw.organisation as LangPair,
    title: raw.title as LangPair,
    reference: raw.reference as string,
    contact: {
      name: raw.contact?.name ?? null,
      tel: raw.contact?.tel ?? null,
      email: raw.contact?.email ?? null,
      website: raw.contact?.website ?? null
    },
    site: {baseUrl: raw.site?.baseUrl ?? null, feedEntries: raw.site?.feedEntries ?? defaultFeedEntries},
    email: {
      from: raw.email?.from ?? null,
      to: raw.email?.to ?? [],
      replyTo: raw.email?.replyTo ?? null,
      listUnsubscribe: raw.email?.listUnsubscribe ?? null
    },
    khmerDigits: raw.khmerDigits ?? 'khmer',
    timeZone: raw.timeZone ?? 'Asia/Phnom_Penh',
    fonts: {
      en: {...defaultFonts.en, ...raw.fonts?.en},
      km: {...defaultFonts.km, ...raw.fonts?.km}
    },
    glossary: emptyGlossary,
    rules: (raw.rules ?? {}) as Record<string, RuleSetting>,
    positions
  }
  return {config, file}
}

/** The known name nearest to a misspelling, when it is near enough to be a slip. */
export function closest(name: string, known: readonly string[]): string | null {
  let best: string | null = null
  let bestDistance = Infinity
  for (const candidate of known) {
    const distance = leven(name.toLowerCase(), candidate.toLowerCase())
    if (distance < bestDistance) {
      best = candidate
      bestDistance = distance
    }
  }
  return best !== null && bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : null
}
