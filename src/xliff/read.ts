import {XMLParser, XMLValidator} from 'fast-xml-parser'
import type {XliffInline} from './inline.js'

/** A trans-unit as read from a file a CAT tool wrote. */
export interface ReadUnit {
  id: string
  /** 1-based, among the file's trans-units. */
  ordinal: number
  source: XliffInline[]
  /** Null when there is none, or it is empty. */
  target: XliffInline[] | null
  state: string | null
  /** The `previous-version` alternative pressroom wrote: the Khmer when the file was made. */
  previous: XliffInline[] | null
}

export interface ReadXliff {
  /** `original` of each `file` element. */
  originals: string[]
  targetLanguage: string | null
  units: ReadUnit[]
}

export class XliffReadError extends Error {}

type Node = Record<string, unknown> & {':@'?: Record<string, string>}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  // XLIFF 1.0, 1.1 and 1.2 differ by namespace, and tools write it with a prefix or without.
  removeNSPrefix: true,
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: true,
  // Decodes numeric character references (&#x1780;) as well as the five XML entities.
  htmlEntities: true
})

/**
 * Reads XLIFF (1.0 to 1.2) as CAT tools write it: UTF-8 or UTF-16 with a
 * byte order mark, CRLF line ends, `mrk` segments (their text is read as
 * the unit's), `g` and `x` codes, and `bx`/`ex` pairs for formatting that
 * crosses segments. Placeholders with native code (`ph`, `bpt`, `ept`,
 * `it`) are refused: a release has none to give back.
 */
export function readXliff(bytes: Uint8Array): ReadXliff {
  const text = decode(bytes).replace(/\r\n?/g, '\n')
  const valid = XMLValidator.validate(text)
  if (valid !== true) throw new XliffReadError(`line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg}`)
  const document = parser.parse(text) as Node[]
  const xliff = document.find((node) => 'xliff' in node)
  if (!xliff) throw new XliffReadError('this is not an XLIFF file (its root element is not <xliff>)')
  const originals: string[] = []
  let targetLanguage: string | null = null
  const units: ReadUnit[] = []
  for (const file of childrenNamed(xliff, 'xliff', 'file')) {
    const attributes = file[':@'] ?? {}
    if (attributes.original) originals.push(attributes.original)
    targetLanguage ??= attributes['target-language'] ?? null
    for (const body of childrenNamed(file, 'file', 'body')) collectUnits(body, 'body', units)
  }
  return {originals, targetLanguage, units}
}

function decode(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2))
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2))
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf
  try {
    return new TextDecoder('utf-8', {fatal: true}).decode(bytes.subarray(bom ? 3 : 0))
  } catch {
    throw new XliffReadError('the file is not UTF-8 (nor UTF-16 with a byte order mark); save it as UTF-8')
  }
}

const nameOf = (node: Node) => Object.keys(node).find((key) => key !== ':@')!

function childrenOf(node: Node, name: string): Node[] {
  const value = node[name]
  return Array.isArray(value) ? (value as Node[]) : []
}

function childrenNamed(node: Node, name: string, wanted: string): Node[] {
  return childrenOf(node, name).filter((child) => nameOf(child) === wanted)
}

/** Trans-units in document order, also inside `group`s; the gettext header unit (po2xliff) is not one. */
function collectUnits(node: Node, name: string, into: ReadUnit[]) {
  for (const child of childrenOf(node, name)) {
    const childName = nameOf(child)
    if (childName === 'group') collectUnits(child, 'group', into)
    if (childName !== 'trans-unit') continue
    const attributes = child[':@'] ?? {}
    if (attributes.restype === 'x-gettext-domain-header') continue
    const ordinal = into.length + 1
    const id = attributes.id ?? String(ordinal)
    const where = `trans-unit ${id}`
    const parts = childrenOf(child, 'trans-unit')
    const source = parts.find((part) => nameOf(part) === 'source')
    if (!source) throw new XliffReadError(`${where} has no <source>`)
    const target = parts.find((part) => nameOf(part) === 'target')
    const previous = parts
      .filter((part) => nameOf(part) === 'alt-trans' && part[':@']?.['alt-trans-type'] === 'previous-version')
      .flatMap((part) => childrenNamed(part, 'alt-trans', 'target'))[0]
    const targetContent = target ? readInline(childrenOf(target, 'target'), where) : null
    into.push({
      id,
      ordinal,
      source: readInline(childrenOf(source, 'source'), where),
      target: targetContent && targetContent.some((node) => node.type !== 'text' || node.value.trim() !== '') ? targetContent : null,
      state: target?.[':@']?.state ?? null,
      previous: previous ? readInline(childrenOf(previous, 'target'), where) : null
    })
  }
}

type Token =
  | {type: 'text'; value: string}
  | {type: 'open'; id: string; ctype: string | null; close: string | null}
  | {type: 'close'; close: string | null}
  | {type: 'x'; id: string; ctype: string | null}

/** Inline content as a tree of text, `g` and `x`; `mrk` is read through, `bx`/`ex` become `g`. */
function readInline(nodes: readonly Node[], where: string): XliffInline[] {
  const tokens: Token[] = []
  const flatten = (list: readonly Node[]) => {
    for (const node of list) {
      const name = nameOf(node)
      const attributes = node[':@'] ?? {}
      if (name === '#text') tokens.push({type: 'text', value: String(node['#text'])})
      else if (name === 'mrk') flatten(childrenOf(node, name))
      else if (name === 'g') {
        tokens.push({type: 'open', id: attributes.id ?? '', ctype: attributes.ctype ?? null, close: null})
        flatten(childrenOf(node, name))
        tokens.push({type: 'close', close: null})
      } else if (name === 'x') tokens.push({type: 'x', id: attributes.id ?? '', ctype: attributes.ctype ?? null})
      else if (name === 'bx') tokens.push({type: 'open', id: attributes.rid ?? attributes.id ?? '', ctype: attributes.ctype ?? null, close: attributes.rid ?? attributes.id ?? ''})
      else if (name === 'ex') tokens.push({type: 'close', close: attributes.rid ?? attributes.id ?? ''})
      else if (name === '#comment' || name === '?xml') continue
      else throw new XliffReadError(`${where}: <${name}> is not something pressroom can write into a release; keep to text, <g>, <x>, <bx>/<ex> and <mrk>`)
    }
  }
  flatten(nodes)
  const root: XliffInline[] = []
  const stack: Array<{children: XliffInline[]; close: string | null}> = [{children: root, close: null}]
  for (const token of tokens) {
    const top = stack.at(-1)!
    if (token.type === 'text') {
      const last = top.children.at(-1)
      if (last?.type === 'text') last.value += token.value
      else top.children.push({type: 'text', value: token.value})
    } else if (token.type === 'x') {
      top.children.push({type: 'x', id: token.id, ctype: token.ctype})
    } else if (token.type === 'open') {
      const g: XliffInline = {type: 'g', id: token.id, ctype: token.ctype, children: []}
      top.children.push(g)
      stack.push({children: g.children, close: token.close})
    } else {
      if (stack.length === 1 || top.close !== token.close) {
        throw new XliffReadError(`${where}: formatting opened and closed out of order (<bx>/<ex> with rid ${token.close ?? '?'}); close each where it was opened`)
      }
      stack.pop()
    }
  }
  if (stack.length > 1) throw new XliffReadError(`${where}: a <bx> has no <ex>; close the formatting it opens`)
  return root
}
