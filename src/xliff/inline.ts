import type {Inline} from '../release/model.js'

/**
 * Inline content as XLIFF 1.2 carries it: text, `g` around formatted text,
 * `x` for a line break. Emphasis, strong emphasis and links are `g` with
 * `ctype` italic, bold and link; a hard line break is `x` with ctype lb.
 */
export type XliffInline =
  | {type: 'text'; value: string}
  | {type: 'g'; id: string; ctype: string | null; children: XliffInline[]}
  | {type: 'x'; id: string; ctype: string | null}

export type CodeKind = 'emphasis' | 'strong' | 'link' | 'break'

/** What a `g` or `x` of a unit stands for, by its id. */
export interface Code {
  id: string
  kind: CodeKind
  /** For links. */
  url?: string
  title?: string | null
}

/** The release's inline content without positions: what a target turns into. */
export type Phrasing =
  | {type: 'text'; value: string}
  | {type: 'emphasis' | 'strong'; children: Phrasing[]}
  | {type: 'link'; url: string; title: string | null; children: Phrasing[]}
  | {type: 'break'}

const ctypes: Record<CodeKind, string> = {emphasis: 'italic', strong: 'bold', link: 'link', break: 'lb'}
const kindsByCtype: Record<string, CodeKind> = {italic: 'emphasis', bold: 'strong', link: 'link', lb: 'break', 'x-italic': 'emphasis', 'x-bold': 'strong'}

/**
 * A block's inline content as XLIFF, numbering its codes from 1 in reading
 * order. Soft line breaks read as spaces.
 */
export function sourceInline(inlines: readonly Inline[]): {nodes: XliffInline[]; codes: Code[]} {
  const codes: Code[] = []
  const convert = (list: readonly Inline[]): XliffInline[] =>
    list.map((node): XliffInline => {
      switch (node.type) {
        case 'text':
          return {type: 'text', value: node.value.replace(/\n/g, ' ')}
        case 'break': {
          const id = String(codes.length + 1)
          codes.push({id, kind: 'break'})
          return {type: 'x', id, ctype: ctypes.break}
        }
        default: {
          const id = String(codes.length + 1)
          codes.push(node.type === 'link' ? {id, kind: 'link', url: node.url, title: node.title} : {id, kind: node.type})
          return {type: 'g', id, ctype: ctypes[node.type], children: convert(node.children)}
        }
      }
    })
  return {nodes: convert(inlines), codes}
}

/**
 * The Khmer of a block as XLIFF, its codes numbered as the English ones of
 * the same kind, in order (a link by its address first), so that a CAT tool
 * sees the same tags on both sides; formatting the English lacks gets the
 * next free numbers.
 */
export function targetInline(inlines: readonly Inline[], sourceCodes: readonly Code[]): {nodes: XliffInline[]; codes: Code[]} {
  const taken = new Set<string>()
  const codes: Code[] = []
  let next = sourceCodes.reduce((max, code) => Math.max(max, Number(code.id) || 0), 0) + 1
  const idFor = (code: Omit<Code, 'id'>) => {
    const same = sourceCodes.filter((candidate) => candidate.kind === code.kind && !taken.has(candidate.id))
    const match = (code.kind === 'link' ? same.find((candidate) => candidate.url === code.url) : undefined) ?? same[0]
    const id = match ? match.id : String(next++)
    taken.add(id)
    codes.push({id, ...code})
    return id
  }
  const convert = (list: readonly Inline[]): XliffInline[] =>
    list.map((node): XliffInline => {
      switch (node.type) {
        case 'text':
          return {type: 'text', value: node.value.replace(/\n/g, ' ')}
        case 'break':
          return {type: 'x', id: idFor({kind: 'break'}), ctype: ctypes.break}
        default: {
          const id = idFor(node.type === 'link' ? {kind: 'link', url: node.url, title: node.title} : {kind: node.type})
          return {type: 'g', id, ctype: ctypes[node.type], children: convert(node.children)}
        }
      }
    })
  return {nodes: convert(inlines), codes}
}

export class InlineError extends Error {}

/**
 * A target as the release's inline content: each `g` and `x` is what its
 * id stood for in the export (the Khmer's own codes first, then the
 * English ones), or else what its ctype says. A link needs an address from
 * one of them.
 */
export function toPhrasing(nodes: readonly XliffInline[], codes: {target: readonly Code[]; source: readonly Code[]}): Phrasing[] {
  const byId = (id: string) => codes.target.find((code) => code.id === id) ?? codes.source.find((code) => code.id === id)
  const convert = (list: readonly XliffInline[]): Phrasing[] =>
    list.map((node): Phrasing => {
      if (node.type === 'text') return {type: 'text', value: node.value}
      const known = byId(node.id)
      const kind = known?.kind ?? (node.ctype ? kindsByCtype[node.ctype] : undefined)
      if (node.type === 'x') {
        if (kind !== 'break') throw new InlineError(`<x id="${node.id}"${node.ctype ? ` ctype="${node.ctype}"` : ''}/> is not a line break of this block`)
        return {type: 'break'}
      }
      const children = convert(node.children)
      if (kind === 'emphasis' || kind === 'strong') return {type: kind, children}
      if (kind === 'link') {
        const link = known?.kind === 'link' ? known : codes.source.find((code) => code.kind === 'link' && code.id === node.id)
        if (!link?.url) throw new InlineError(`<g id="${node.id}" ctype="link"> has no address: the English of this block has no link ${node.id}`)
        return {type: 'link', url: link.url, title: link.title ?? null, children}
      }
      throw new InlineError(`<g id="${node.id}"${node.ctype ? ` ctype="${node.ctype}"` : ''}> is no formatting of this block (emphasis, bold, link)`)
    })
  return convert(nodes)
}

/** Release inline content as phrasing (soft line breaks as spaces). */
export function phrasingOf(inlines: readonly Inline[]): Phrasing[] {
  return inlines.map((node): Phrasing => {
    switch (node.type) {
      case 'text':
        return {type: 'text', value: node.value.replace(/\n/g, ' ')}
      case 'break':
        return {type: 'break'}
      case 'link':
        return {type: 'link', url: node.url, title: node.title, children: phrasingOf(node.children)}
      default:
        return {type: node.type, children: phrasingOf(node.children)}
    }
  })
}

/** A form of phrasing that is equal when two texts read the same: runs of white space as one space, neighbouring text joined. */
export function canonical(phrasing: readonly Phrasing[]): string {
  let out = ''
  const visit = (list: readonly Phrasing[]) => {
    for (const node of list) {
      if (node.type === 'text') out += node.value.replace(/&/g, '&amp;').replace(/</g, '&lt;')
      else if (node.type === 'break') out += '<br>'
      else {
        out += node.type === 'link' ? `<link ${JSON.stringify(node.url)}>` : `<${node.type}>`
        visit(node.children)
        out += `</${node.type}>`
      }
    }
  }
  visit(phrasing)
  return out.replace(/[\s\u200B]+/g, ' ').trim()
}

/** The text alone, without formatting or any white space: what staleness and formatting-free targets are compared by. */
export function bareText(phrasing: readonly Phrasing[]): string {
  let text = ''
  const visit = (list: readonly Phrasing[]) => {
    for (const node of list) {
      if (node.type === 'text') text += node.value
      else if (node.type !== 'break') visit(node.children)
    }
  }
  visit(phrasing)
  return text.replace(/[\s\u200B]+/g, '').normalize('NFC')
}

/** Whether phrasing holds any formatting or line break. */
export function hasFormatting(phrasing: readonly Phrasing[]): boolean {
  return phrasing.some((node) => node.type !== 'text')
}

/** XLIFF inline content read as phrasing by ctype alone, for sources (whose ids a tool may renumber). */
export function sourcePhrasing(nodes: readonly XliffInline[]): Phrasing[] {
  return nodes.map((node): Phrasing => {
    if (node.type === 'text') return {type: 'text', value: node.value}
    if (node.type === 'x') return {type: 'break'}
    const kind = node.ctype ? kindsByCtype[node.ctype] : undefined
    const children = sourcePhrasing(node.children)
    return kind === 'emphasis' || kind === 'strong' ? {type: kind, children} : {type: 'link', url: '', title: null, children}
  })
}
