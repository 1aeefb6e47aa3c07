import type {Edit} from '../check/rule.js'
import type {Position, TextNode} from '../release/model.js'
import {sourcePoint} from '../release/text.js'

export interface SourceSpan {
  /** Where characters `start`…`end` of the node's value stand in the source. */
  position: Position
  /**
   * An edit replacing the span with `text`, or undefined when the source
   * slice differs from the value (an escape or character reference inside
   * it), since then rewriting it could change other text.
   */
  replace(text: string): Edit[] | undefined
}

/** Maps characters `start`…`end` of a text node's value to the source. */
export function spanInSource(source: string, node: TextNode, start: number, end: number): SourceSpan {
  const from = sourcePoint(source, node, start)
  const to = sourcePoint(source, node, end)
  const exact = end > start && source.slice(from.offset, to.offset) === node.value.slice(start, end)
  return {
    position: {start: from, end: to},
    replace: (text) => (exact ? [{start: from.offset, end: to.offset, text}] : undefined)
  }
}
