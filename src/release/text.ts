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
 */
export function sourcePoint(source: string, node: TextNode, index: number): Point {
  let at = node.position.start.offset
  const end = node.position.end.offset
  let i = 0
  while (i < index && at < end) {
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
  return pointFromOffset(source, at)
}

/** Line and column (1-based, in UTF-16 units) of an offset. */
export function pointFromOffset(source: string, offset: number): Point {
  let line = 1
  let lineStart = 0
  for (let i = source.indexOf('\n'); i !== -1 && i < offset; i = source.indexOf('\n', i + 1)) {
    line++
    lineStart = i + 1
  }
  return {line, column: offset - lineStart + 1, offset}
}

/** The releases' sections in a fixed order: English, then Khmer. */
export function sectionsOf(release: Release): Section[] {
  return (['en', 'km'] as const).flatMap((lang) => (release.sections[lang] ? [release.sections[lang]!] : []))
}
