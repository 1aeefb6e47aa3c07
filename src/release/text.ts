import type {Block, Inline, Point, Release, Section, TextNode} from './model.js'

/** The text of inline content; a hard break reads as a newline. */
export function plainText(inlines: readonly Inline[]): string {
  let text = ''
  for (const node of inlines) {
    if (node.type === 'text') text += node.value
    else if (node.type === 'break') text += '\n'
    else text += plainText(node.children)
  }
  return text
}

/** Every text node of a section, headline first, in reading order. */
export function sectionTextNodes(section: Section): TextNode[] {
  const nodes: TextNode[] = []
  if (section.headline) collectInline(section.headline.children, nodes)
  for (const block of section.blocks) collectBlock(block, nodes)
  return nodes
}

export function blockTextNodes(block: Block): TextNode[] {
  const nodes: TextNode[] = []
  collectBlock(block, nodes)
  return nodes
}

function collectBlock(block: Block, into: TextNode[]) {
  switch (block.type) {
    case 'paragraph':
    case 'heading':
      collectInline(block.children, into)
      break
    case 'list':
      for (const item of block.items) for (const child of item.children) collectBlock(child, into)
      break
    case 'quote':
      for (const child of block.children) collectBlock(child, into)
      break
  }
}

function collectInline(inlines: readonly Inline[], into: TextNode[]) {
  for (const node of inlines) {
    if (node.type === 'text') into.push(node)
    else if (node.type !== 'break') collectInline(node.children, into)
  }
}

/**
 * Where character `index` of a text node's value stands in the source.
 * The value differs from its source slice by backslash escapes, character
 * references, `\r` and the indentation or `>` markers of continuation
 * lines, so walk both strings together and skip what the value lacks. The
 * walk is made once per node and kept, so that many places in one long
 * paragraph cost one walk, not one each.
 */
export function sourcePoint(source: string, node: TextNode, index: number): Point {
  const offsets = sourceOffsets(source, node)
  return pointFromOffset(source, offsets[Math.max(0, Math.min(index, offsets.length - 1))]!)
}

const walks = new WeakMap<TextNode, {source: string; offsets: Int32Array}>()

/** The source offset of each character of a node's value (and of its end). */
function sourceOffsets(source: string, node: TextNode): Int32Array {
  const cached = walks.get(node)
  if (cached && cached.source === source) return cached.offsets
  const offsets = new Int32Array(node.value.length + 1)
  let at = node.position.start.offset
  const end = node.position.end.offset
  let i = 0
  offsets[0] = at
  while (i < node.value.length && at < end) {
    const entity = source[at] === '&' ? /^&(?:#\d+|#x[\da-f]+|\w+);/i.exec(source.slice(at, at + 40)) : null
    if (!entity && source[at] === node.value[i]) {
      at++
      offsets[++i] = at
    } else if (entity) {
      at += entity[0].length
      offsets[++i] = at
    } else if (/[\\\r \t>]/.test(source[at]!)) {
      at++
    } else {
      // Unknown difference: keep both strings moving.
      at++
      offsets[++i] = at
    }
  }
  for (let j = i + 1; j <= node.value.length; j++) offsets[j] = at
  walks.set(node, {source, offsets})
  return offsets
}

let lineStartsOf: {source: string; starts: number[]} | null = null

/** Line and column (1-based, in UTF-16 units) of an offset. */
export function pointFromOffset(source: string, offset: number): Point {
  if (lineStartsOf?.source !== source) {
    const starts = [0]
    for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1)) starts.push(i + 1)
    lineStartsOf = {source, starts}
  }
  const {starts} = lineStartsOf
  // The last line starting at or before the offset; a newline at the offset itself belongs to the line it ends.
  let low = 0
  let high = starts.length
  while (low < high) {
    const middle = (low + high) >> 1
    if (starts[middle]! <= offset) low = middle + 1
    else high = middle
  }
  const line = Math.max(1, low)
  return {line, column: offset - starts[line - 1]! + 1, offset}
}

/**
 * The reverse of `sourcePoint`: the index in the node's value of the
 * character written at `offset` of the source (or of the next one when the
 * offset falls on what the value lacks, such as an escaping backslash).
 */
export function valueIndex(source: string, node: TextNode, offset: number): number {
  const offsets = sourceOffsets(source, node)
  // The first character at or after the offset: the offsets never decrease.
  let low = 0
  let high = offsets.length - 1
  while (low < high) {
    const middle = (low + high) >> 1
    if (offsets[middle]! < offset) low = middle + 1
    else high = middle
  }
  return low
}

/** A section with neither headline nor text: `untranslated` reports it, and rules comparing the languages leave it at that. */
export function isEmptySection(section: Section): boolean {
  return !section.headline && section.blocks.length === 0
}

/** The releases' sections in a fixed order: English, then Khmer. */
export function sectionsOf(release: Release): Section[] {
  return (['en', 'km'] as const).flatMap((lang) => (release.sections[lang] ? [release.sections[lang]] : []))
}
