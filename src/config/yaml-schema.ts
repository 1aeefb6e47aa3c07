/**
 * Reading a YAML file a user edits (`pressroom.yaml`, `glossary.yaml`, the
 * PDF letterhead, the site's labels): parse it with `yaml`, check it with a
 * valibot schema, and report each problem as a `config` error at the
 * line:column of the key or value it concerns.
 *
 * Schemas say where a problem is with `here` in their messages: the helper
 * puts in the key's path (`contact.tel`, or `km` in item 4 of `terms`) once
 * the whole path is known, which valibot only knows after the message is
 * made. `map` is an object schema that names every unknown key with a
 * did-you-mean, and `oneOf` a choice that suggests the nearest value.
 */
import leven from 'leven'
import * as v from 'valibot'
import {VFile} from 'vfile'
import {location} from 'vfile-location'
import {isMap, isPair, isScalar, isSeq, parseDocument, visit, type Document, type Node as YamlNode, type ScalarTag, type Tags} from 'yaml'
import {addMessage} from '../diagnostic/message.js'
import type {Position} from '../release/model.js'

// U+FFFF cannot be typed in a YAML file (YAML 1.2 §5.1) and a value that
// holds one through an escape is refused, so a value a user wrote never
// looks like one of these marks.
const mark = '\uFFFF'
const markPattern = /\uFFFF(here|sibling:[^\uFFFF]*)\uFFFF/g

/** In a message, where the problem is, quoted: `contact.tel`, or `km` in item 4 of `terms`; "The file" for the whole file. */
export const here = `${mark}here${mark}`

/** In a message, the key `name` beside the one in question: `contact.tel` for a problem at `contact.phone`. */
export function sibling(name: string): string {
  return `${mark}sibling:${name}${mark}`
}

/** How a value found in the file reads in a message. */
export function describe(value: unknown): string {
  if (value === null || value === undefined || value === '') return 'empty'
  if (Array.isArray(value)) return 'a list'
  if (typeof value === 'object') return 'a set of `key: value` lines'
  return `\`${typeof value === 'string' ? value : JSON.stringify(value)}\``
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

const isRecord = (input: unknown): input is Record<string, unknown> =>
  typeof input === 'object' && input !== null && !Array.isArray(input)

export interface MapOptions {
  /** What the keys are, for messages: `key` (default) or e.g. `rule`. */
  what?: string
  /** The message when the value is not a map (default: "`path` must be a set of `key: value` lines"). */
  notAMap?: string | ((input: unknown) => string)
}

/**
 * A YAML map with the given keys (wrap a key's schema in `v.optional` to
 * make it optional). Each unknown key is an error with a did-you-mean, each
 * missing key "`path` is missing; add it".
 */
export function map<const Entries extends v.ObjectEntries>(entries: Entries, options: MapOptions = {}) {
  const what = options.what ?? 'key'
  const known = Object.keys(entries)
  const notAMap = options.notAMap ?? `${here} must be a set of \`key: value\` lines`
  return v.pipe(
    v.custom<Record<string, unknown>>(isRecord, (issue) => (typeof notAMap === 'string' ? notAMap : notAMap(issue.input))),
    // Reached only for a map: its message is for the keys it lacks.
    v.looseObject(entries, `${here} is missing; add it`),
    v.rawCheck(({dataset, addIssue}) => {
      const input = dataset.value
      if (!isRecord(input)) return
      for (const key of Object.keys(input)) {
        if (Object.hasOwn(entries, key)) continue
        const suggestion = closest(key, known)
        addIssue({
          input: key,
          message: `Unknown ${what} ${here}${suggestion ? `; did you mean ${sibling(suggestion)}?` : `; known ${what}s: ${known.join(', ')}`}`,
          path: [{type: 'object', origin: 'key', input, key, value: input[key]}]
        })
      }
    })
  )
}

/** One of `values`; anything else is "`path` is `x`; use one of `a`, `b` (did you mean `a`?)". */
export function oneOf<const Value extends string>(values: readonly Value[]) {
  return v.picklist(values, (issue) => {
    const suggestion = typeof issue.input === 'string' ? closest(issue.input, values) : null
    return `${here} is ${describe(issue.input)}; use one of ${values.map((value) => `\`${value}\``).join(', ')}${suggestion ? ` (did you mean \`${suggestion}\`?)` : ''}`
  })
}

export interface YamlRead<T> {
  /** Null when the file has problems (and then `file` has messages). */
  value: T | null
  /** One `config` error per problem, at the line:column of what it concerns. */
  file: VFile
  /** Where each key path (`contact.email`, `rules.ref-sequence`) has its value. */
  positions: Record<string, Position>
}

/**
 * Parses `text` (YAML, a byte order mark allowed) and checks it with
 * `schema`. Syntax errors come first and alone; aliases (`*name`) are
 * refused, since a problem inside one would have two places, and so are
 * the noncharacters U+FFFE and U+FFFF.
 */
export function readYaml<const Schema extends v.GenericSchema>(path: string, text: string, schema: Schema): YamlRead<v.InferOutput<Schema>> {
  const source = text.replace(/^\uFEFF/, '')
  const file = new VFile({path, value: source})
  const place = location(file)
  const toPosition = (start: number, end = start): Position => {
    const a = place.toPoint(start) ?? {line: 1, column: 1}
    const b = place.toPoint(end) ?? a
    return {start: {line: a.line, column: a.column, offset: start}, end: {line: b.line, column: b.column, offset: end}}
  }
  const problems: Array<{reason: string; place: Position}> = []
  const report = () => {
    problems.sort((a, b) => a.place.start.offset - b.place.start.offset)
    for (const problem of problems) addMessage(file, {ruleId: 'config', severity: 'error', ...problem})
    return {value: null, file, positions: {}}
  }

  const doc = parseDocument(source, {uniqueKeys: true, prettyErrors: false, customTags: leadingZeroText})
  for (const error of doc.errors) {
    const reason = (error.message.split('\n')[0] ?? '').replace(/ at line \d+, column \d+:?$/, '')
    problems.push({reason: `YAML syntax error: ${reason}`, place: toPosition(error.pos[0], error.pos[1])})
  }
  visit(doc, {
    Scalar(_, scalar) {
      // Only an escape (`"\uFFFF"`) can write these; messages use U+FFFF as a mark.
      if (typeof scalar.value !== 'string' || !/[\uFFFE\uFFFF]/.test(scalar.value)) return
      const [start = 0, end = start] = scalar.range ?? []
      problems.push({reason: 'The text holds U+FFFF or U+FFFE, which are not characters; remove them', place: toPosition(start, end)})
    },
    Alias(_, alias) {
      const [start = 0, end = start] = alias.range ?? []
      problems.push({
        reason: `\`*${alias.source}\` refers to the anchor \`&${alias.source}\`; pressroom does not read YAML anchors and aliases here, so write the value out in full`,
        place: toPosition(start, end)
      })
    }
  })
  if (problems.length > 0) return report()

  const result = v.safeParse(schema, doc.toJS())
  if (!result.success) {
    for (const issue of result.issues) {
      const path = (issue.path ?? []).map((item) => item.key as string | number)
      const onKey = issue.path?.at(-1)?.origin === 'key'
      problems.push({reason: fillMarks(issue.message, path), place: rangeOf(doc, path, onKey, toPosition)})
    }
    return report()
  }
  return {value: result.output, file, positions: keyPositions(doc, toPosition)}
}

/** A YAML file with mistakes; `message` lists each as `path:line:column: reason`. */
export class YamlError extends Error {
  constructor(readonly file: VFile) {
    super(file.messages.map((message) => `${file.path}:${message.line}:${message.column}: ${message.reason}`).join('\n'))
    this.name = 'YamlError'
  }
}

/** `readYaml`, for files whose mistakes stop the work: the value, or a thrown `YamlError`. */
export function readYamlOrThrow<const Schema extends v.GenericSchema>(path: string, text: string, schema: Schema): v.InferOutput<Schema> {
  const {value, file} = readYaml(path, text, schema)
  if (file.messages.length > 0) throw new YamlError(file)
  return value
}

/**
 * Digits with a leading zero stay text, as written (a telephone number
 * such as 023217161), where YAML 1.2 would read the number 23217161.
 */
const leadingZeroText = (tags: Tags): Tags => [
  {default: true, tag: 'tag:yaml.org,2002:str', test: /^0\d+$/, resolve: (text: string) => text} satisfies ScalarTag,
  ...tags
]

/** Puts the path into a message's marks; a sibling inside a list item is named by its key alone (`first`). */
function fillMarks(message: string, path: ReadonlyArray<string | number>): string {
  return message.replace(markPattern, (_, what: string) => {
    if (what === 'here') return formatPath(path)
    const siblingPath = [...path.slice(0, -1), what.slice('sibling:'.length)]
    return formatPath(siblingPath.slice(siblingPath.findLastIndex((part) => typeof part === 'number') + 1))
  })
}

/** `contact.tel`; `km` in item 4 of `terms`; item 2 of `email.to`. */
function formatPath(path: ReadonlyArray<string | number>): string {
  if (path.length === 0) return 'The file'
  const lastItem = path.findLastIndex((part) => typeof part === 'number')
  if (lastItem === -1) return `\`${path.join('.')}\``
  const item = `item ${(path[lastItem] as number) + 1} of ${formatPath(path.slice(0, lastItem))}`
  const rest = path.slice(lastItem + 1)
  return rest.length === 0 ? item : `\`${rest.join('.')}\` in ${item}`
}

/**
 * The range of what `path` names: a key itself when `onKey`, else its value.
 * A key that is not there (a missing key) gives the start of the deepest map
 * that is.
 */
function rangeOf(
  doc: Document,
  path: ReadonlyArray<string | number>,
  onKey: boolean,
  toPosition: (start: number, end?: number) => Position
): Position {
  let node = doc.contents
  for (const [index, part] of path.entries()) {
    const last = index === path.length - 1
    let next: YamlNode | null | undefined
    if (isMap(node)) {
      const pair = node.items.find((item) => keyText(item.key) === String(part))
      if (pair && last && onKey) next = pair.key as YamlNode
      else next = pair ? ((pair.value ?? pair.key) as YamlNode | null) : undefined
    } else if (isSeq(node) && typeof part === 'number') {
      next = node.items[part] as YamlNode | undefined
    }
    if (!next?.range) {
      const start = node?.range?.[0] ?? 0
      return toPosition(start)
    }
    node = next
  }
  const [start = 0, end = start] = node?.range ?? []
  return toPosition(start, end)
}

function keyText(key: unknown): string {
  if (!isScalar(key)) return JSON.stringify(key)
  const value: unknown = key.value
  return typeof value === 'string' ? value : value === null || value === undefined ? '' : JSON.stringify(value)
}

/** Every key path of the document's maps (lists are not entered), with its value's range. */
function keyPositions(doc: Document, toPosition: (start: number, end?: number) => Position): Record<string, Position> {
  const positions: Record<string, Position> = {}
  const walk = (node: unknown, prefix: string) => {
    if (!isMap(node)) return
    for (const pair of node.items) {
      if (!isPair(pair)) continue
      const key = prefix + keyText(pair.key)
      const target = (pair.value ?? pair.key) as YamlNode | null
      const [start = 0, end = start] = target?.range ?? []
      positions[key] = toPosition(start, end)
      walk(pair.value, `${key}.`)
    }
  }
  walk(doc.contents, '')
  return positions
}
