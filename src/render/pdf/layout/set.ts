/**
 * Setting a paragraph's lines with the text engine: itemize and shape per
 * font role, then break (and stretch, for a justified style). Missing
 * glyphs and lines that cannot fit come back as problems at their source
 * places.
 */
import {itemize, linebreak, shape, type TextRun} from '../../../text/index.js'
import type {FontChains, LayoutProblem, Paragraph} from './model.js'
import {describeOrigin, placeOf} from './origins.js'

export function setParagraph(p: Paragraph, fonts: FontChains, problems: LayoutProblem[], source: string | undefined): void {
  if (p.marker) setParagraph(p.marker, fonts, problems, source)
  if (p.text === '') return
  const roles = [...new Set(p.spans.map((span) => span.role))]
  const runs: TextRun[] = []
  for (const role of roles) {
    const chain = fonts[p.lang][role]
    const {runs: roleRuns, diagnostics} = itemize(p.text, chain, {language: p.lang})
    const spans = p.spans.filter((span) => span.role === role)
    const inRole = (offset: number) => spans.some((span) => offset >= span.start && offset < span.end)
    for (const run of roleRuns) {
      for (const span of spans) {
        const startUtf16 = Math.max(run.startUtf16, span.start)
        const endUtf16 = Math.min(run.endUtf16, span.end)
        if (startUtf16 < endUtf16) runs.push({...run, startUtf16, endUtf16})
      }
    }
    for (const diagnostic of diagnostics) {
      if (inRole(diagnostic.offsetUtf16)) {
        problems.push({
          ruleId: 'missing-glyph',
          reason: `${diagnostic.message}${describeOrigin(p, diagnostic.offsetUtf16)}`,
          place: placeOf(p, diagnostic.offsetUtf16, source),
          actual: String.fromCodePoint(diagnostic.codePoint)
        })
      }
    }
  }
  runs.sort((a, b) => a.startUtf16 - b.startUtf16)
  const glyphRuns = runs.map((run) => shape(p.text, run))
  const {lines} = linebreak(p.text, glyphRuns, {widthPt: p.widthPt, fontSizePt: p.style.sizePt, justify: p.style.align === 'justify'})
  p.lines = lines
  for (const line of lines) {
    if (!line.overflow) continue
    const stretch = p.text.slice(line.startUtf16, line.visibleEndUtf16)
    problems.push({
      ruleId: 'text-overflow',
      reason: `\`${ellipsis(stretch)}\` is ${line.widthPt.toFixed(1)} pt wide and cannot be broken, but the column is ${p.widthPt.toFixed(1)} pt; add a space or shorten it${describeOrigin(p, line.startUtf16)}`,
      place: placeOf(p, line.startUtf16, source),
      actual: stretch
    })
  }
}

function ellipsis(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text
}
