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
 * lines, so walk both strings together and skip what the value lacks.
 * Rules ask for the places of a node's findings in reading order, so the
 * walk goes on from where the last one for the node stopped: a long
 * paragraph with many findings is walked once, not once per finding.
 */
export function sourcePoint(source: string, node: TextNode, index: number): Point {
  const last = walks.get(node)
  const state = walk(source, node, last && last.sourceLength === source.length && last.i <= index ? last : null, (i) => i >= index)
  walks.set(node, {sourceLength: source.length, ...state})
  return pointFromOffset(source, state.at)
}

/**
 * The reverse of `sourcePoint`: the index in the node's value of the
 * character written at `offset` of the source (or of the next one when the
 * offset falls on what the value lacks, such as an escaping backslash).
 */
export function valueIndex(source: string, node: TextNode, offset: number): number {
  const last = indexWalks.get(node)
  const state = walk(source, node, last && last.sourceLength === source.length && last.at <= offset ? last : null, (_, at) => at >= offset)
  indexWalks.set(node, {sourceLength: source.length, ...state})
  return state.i
}

interface WalkState {
  /** Index in the node's value. */
  i: number
  /** Offset in the source. */
  at: number
}

/** Where the last walk of each node stopped, one record per direction (each stops at its own kind of place). */
const walks = new WeakMap<TextNode, WalkState & {sourceLength: number}>()
const indexWalks = new WeakMap<TextNode, WalkState & {sourceLength: number}>()

/** Walks a node's value and its source together, from `from` (a place an earlier walk stopped at) or the start, until `done`. */
function walk(source: string, node: TextNode, from: WalkState | null, done: (i: number, at: number) => boolean): WalkState {
  const end = node.position.end.offset
  let at = from ? from.at : node.position.start.offset
  let i = from ? from.i : 0
  while (!done(i, at) && at < end && i < node.value.length) {
    const entity = source[at] === '&' ? /^&(?:#\d+|#x[\da-f]+|\w+);/i.exec(source.slice(at, at + 40)) : null
    if (!entity && source[at] === node.value[i]) {
      at++
      i++
    } else if (entity) {
      at += entity[0].length
      i++
    } else if (/[\\\r \t>]/.test(source[at]!)) {
      at++
    } else {
      // Unknown difference: keep both strings moving.
      at++
      i++
    }
  }
  return {i, at}
}

/** Line and column (1-based, in UTF-16 units) of an offset. */
export function pointFromOffset(source: string, offset: number): Point {
  const starts = lineStarts(source)
  // The last line starting at or before the offset.
  let low = 0
  let high = starts.length
  while (high - low > 1) {
    const middle = (low + high) >> 1
    if (starts[middle]! <= offset) low = middle
    else high = middle
  }
  return {line: low + 1, column: offset - starts[low]! + 1, offset}
}

/** Offsets where the lines of the last source asked about start: many places are asked of one file in a row. */
let lineIndex: {source: string; starts: number[]} | null = null

function lineStarts(source: string): number[] {
  if (lineIndex?.source === source) return lineIndex.starts
  const starts = [0]
  for (let i = source.indexOf('\n'); i !== -1; i = source.indexOf('\n', i + 1)) starts.push(i + 1)
  lineIndex = {source, starts}
  return starts
}

/** A section with neither headline nor text: `untranslated` reports it, and rules comparing the languages leave it at that. */
export function isEmptySection(section: Section): boolean {
  return !section.headline && section.blocks.length === 0
}

/** The releases' sections in a fixed order: English, then Khmer. */
export function sectionsOf(release: Release): Section[] {
  return (['en', 'km'] as const).flatMap((lang) => (release.sections[lang] ? [release.sections[lang]!] : []))
}
