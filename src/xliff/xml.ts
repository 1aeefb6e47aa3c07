import type {ElementContent as XastContent, Root} from 'xast'
import {toXml} from 'xast-util-to-xml'
import {x} from 'xastscript'
import type {XliffInline} from './inline.js'

/** Characters XML 1.0 cannot hold (§2.2): most C0 controls, lone surrogates, U+FFFE and U+FFFF. */
const notXml = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u

/** The first character of a text that XML cannot hold, with its index; null when there is none. */
export function notXmlCharacter(text: string): {index: number; codePoint: string} | null {
  const match = notXml.exec(text)
  if (!match) return null
  return {index: match.index, codePoint: `U+${match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`}
}

/** XLIFF inline content as xast elements. */
export function inlineXml(nodes: readonly XliffInline[]): XastContent[] {
  return nodes.map((node): XastContent => {
    if (node.type === 'text') return {type: 'text', value: node.value}
    if (node.type === 'x') return x('x', {id: node.id, ...(node.ctype ? {ctype: node.ctype} : {})})
    return x('g', {id: node.id, ...(node.ctype ? {ctype: node.ctype} : {})}, inlineXml(node.children))
  })
}

/** A document with the XML declaration (UTF-8), and a document type when given, ending with a newline. */
export function xmlDocument(root: XastContent, doctype?: {name: string; system: string}): string {
  const tree: Root = {
    type: 'root',
    children: [
      {type: 'instruction', name: 'xml', value: 'version="1.0" encoding="UTF-8"'},
      {type: 'text', value: '\n'},
      ...(doctype ? [{type: 'doctype' as const, name: doctype.name, system: doctype.system, public: undefined}, {type: 'text' as const, value: '\n'}] : []),
      root
    ]
  }
  return `${toXml(tree, {closeEmptyElements: true})}\n`
}

/** Indentation between elements, so that a person can read the file; never inside text that carries meaning. */
export function indent(children: XastContent[], depth: number): XastContent[] {
  const pad = (level: number): XastContent => ({type: 'text', value: `\n${'  '.repeat(level)}`})
  return [...children.flatMap((child) => [pad(depth), child]), pad(depth - 1)]
}
