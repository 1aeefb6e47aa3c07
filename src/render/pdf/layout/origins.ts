/**
 * Where each character came from: a paragraph offset back to its text node
 * (or config value), so that a glyph no font has, or a line that cannot
 * fit, is reported at its place in the source.
 */
import type {Point, Position} from '../../../release/model.js'
import {sourcePoint} from '../../../release/text.js'
import type {Origin, Paragraph} from './model.js'

function originAt(p: Paragraph, offset: number): Origin | undefined {
  return p.origins.find((origin) => offset >= origin.start && offset < origin.end) ?? p.origins.at(-1)
}

export function describeOrigin(p: Paragraph, offset: number): string {
  const what = originAt(p, offset)?.what
  return what ? ` (in ${what})` : ''
}

/** The source place of a paragraph offset: exact with the source, else the start of its text node. */
export function placeOf(p: Paragraph, offset: number, source: string | undefined): Point | Position | null {
  const origin = originAt(p, offset)
  if (!origin) return null
  if (origin.node) {
    if (source !== undefined) return sourcePoint(source, origin.node, offset - origin.start)
    const start = origin.node.position.start
    // Without the source, count along the node's first line (exact unless escapes come before).
    const index = offset - origin.start
    return origin.node.value.slice(0, index).includes('\n') ? start : {line: start.line, column: start.column + index, offset: start.offset + index}
  }
  return origin.place ?? null
}
