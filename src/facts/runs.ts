import type {Block, Inline, Section, TextNode} from '../release/model.js'

/**
 * The text of one headline, paragraph, subhead or list item as a reader
 * sees it: its text nodes joined across emphasis, strong and links (a hard
 * break reads as a newline). `**៨៥,០០០** ដុល្លារ` is one run,
 * `៨៥,០០០ ដុល្លារ`, so a fact split by formatting is still read whole,
 * and each piece keeps its node so that messages point into the source.
 */
export interface TextRun {
  text: string
  /** The text nodes in order, each with the run offset its value starts at. */
  pieces: ReadonlyArray<{node: TextNode; at: number}>
}

/** Part of one text node's value, in UTF-16 offsets. */
export interface NodeSpan {
  node: TextNode
  start: number
  end: number
}

/** The runs of a section, headline first, in reading order. */
export function sectionRuns(section: Section): TextRun[] {
  const runs: TextRun[] = []
  if (section.headline) runs.push(runOf(section.headline.children))
  const visit = (blocks: readonly Block[]) => {
    for (const block of blocks) {
      switch (block.type) {
        case 'paragraph':
        case 'heading':
          runs.push(runOf(block.children))
          break
        case 'list':
          for (const item of block.items) visit(item.children)
          break
        case 'quote':
          visit(block.children)
          break
      }
    }
  }
  visit(section.blocks)
  return runs.filter((run) => run.pieces.length > 0)
}

function runOf(inlines: readonly Inline[]): TextRun {
  let text = ''
  const pieces: Array<{node: TextNode; at: number}> = []
  const visit = (nodes: readonly Inline[]) => {
    for (const node of nodes) {
      if (node.type === 'text') {
        pieces.push({node, at: text.length})
        text += node.value
      } else if (node.type === 'break') {
        text += '\n'
      } else {
        visit(node.children)
      }
    }
  }
  visit(inlines)
  return {text, pieces}
}

/**
 * The parts of text nodes that run offsets `start`…`end` cover, first to
 * last (a newline of a hard break belongs to no node and is left out).
 */
export function spansOf(run: TextRun, start: number, end: number): NodeSpan[] {
  const {pieces} = run
  // The first piece that ends after `start` (binary search: runs can be long).
  let low = 0
  let high = pieces.length
  while (low < high) {
    const middle = (low + high) >> 1
    const piece = pieces[middle]!
    if (piece.at + piece.node.value.length <= start) low = middle + 1
    else high = middle
  }
  const spans: NodeSpan[] = []
  for (let i = low; i < pieces.length && pieces[i]!.at < end; i++) {
    const {node, at} = pieces[i]!
    const from = Math.max(start, at) - at
    const to = Math.min(end, at + node.value.length) - at
    if (to > from) spans.push({node, start: from, end: to})
  }
  return spans
}
