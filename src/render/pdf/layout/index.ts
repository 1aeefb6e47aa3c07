/**
 * Page layout of a release, as plain data: which lines of which paragraph
 * go where on which page. Text is set by the text engine (itemize, shape,
 * break). The stages, one file each:
 *
 *   collect (model -> paragraphs) -> set (paragraphs -> lines)
 *     -> paginate (lines -> pages) -> furniture (page numbers, running headers)
 *
 * and origins, which maps any paragraph offset back to the source, so a
 * glyph no font has or a line that cannot fit is reported at its place.
 */
import {collectFlow} from './collect.js'
import {addFurniture} from './furniture.js'
import type {LayoutInput, LayoutProblem, ReleaseLayout} from './model.js'
import {paginate} from './paginate.js'
import {setParagraph} from './set.js'

export type * from './model.js'

/** Lay out every page of a release; problems (missing glyphs, overflowing lines) come back with their places. */
export function layoutRelease(input: LayoutInput): ReleaseLayout {
  const problems: LayoutProblem[] = []
  const flow = collectFlow(input)
  for (const item of flow) if ('text' in item) setParagraph(item, input.fonts, problems, input.source)
  const pages = paginate(flow, input.template)
  addFurniture(pages, input, problems)
  return {pages, problems}
}
