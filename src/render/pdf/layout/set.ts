/**
 * Setting a paragraph's lines with the text engine (itemize, shape, break
 * per font role), then justifying them; missing glyphs and lines that
 * cannot fit come back as problems at their source places.
 */
import {breakOpportunities, itemize, linebreak, shape, type Line, type TextRun} from '../../../text/index.js'
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
  const justify = p.style.align === 'justify'
  // Justified Khmer stretches word boundaries: a line ending at a phrase
  // space must be nearly full, or its few boundaries would gape.
  const {lines} = linebreak(p.text, glyphRuns, {widthPt: p.widthPt, fontSizePt: p.style.sizePt, minSpaceFill: justify && p.lang === 'km' ? 0.9 : undefined})
  if (justify) justifyLines(p, lines)
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

/**
 * Stretch every line but the last (and lines ended by a hard break) to the
 * measure. English stretches its spaces. Khmer spaces end phrases and a
 * widened word boundary reads as one, so Khmer spreads the slack over every
 * cluster boundary (as "distributed" alignment does for Thai and Khmer),
 * giving a space three shares: a few tenths of a point each, unseen.
 */
function justifyLines(p: Paragraph, lines: Line[]): void {
  const opportunities = breakOpportunities(p.text)
  let first = 0 // the first opportunity after the line's start: lines come in order
  for (const [index, line] of lines.entries()) {
    while (first < opportunities.length && opportunities[first]!.offsetUtf16 <= line.startUtf16) first++
    if (index === lines.length - 1 || line.hardBreak || line.overflow) continue
    const slackPt = p.widthPt - line.widthPt
    if (slackPt <= 1e-6) continue
    const inner = (offset: number) => offset > line.startUtf16 && offset < line.visibleEndUtf16
    const spaces: number[] = []
    for (let i = first; i < opportunities.length && opportunities[i]!.offsetUtf16 < line.visibleEndUtf16; i++) {
      if (opportunities[i]!.kind === 'space') spaces.push(opportunities[i]!.offsetUtf16)
    }
    let points: Array<{offset: number; weight: number}>
    if (p.lang === 'km') {
      const starts = new Set<number>()
      for (const run of line.runs) for (const glyph of run.glyphs) if (inner(glyph.clusterUtf16)) starts.add(glyph.clusterUtf16)
      for (const offset of spaces) starts.add(offset)
      points = [...starts].sort((a, b) => a - b).map((offset) => ({offset, weight: spaces.includes(offset) ? 3 : 1}))
    } else {
      points = spaces.map((offset) => ({offset, weight: 1}))
    }
    const total = points.reduce((sum, point) => sum + point.weight, 0)
    if (total === 0) continue
    const unitPt = slackPt / total
    const shiftAt = (offset: number) => {
      let weight = 0
      for (const point of points) if (point.offset <= offset) weight += point.weight
      return weight * unitPt
    }
    for (const run of line.runs) {
      const startShift = shiftAt(run.startUtf16)
      let endShift = startShift
      for (const glyph of run.glyphs) {
        endShift = shiftAt(glyph.clusterUtf16)
        glyph.xPt += endShift
      }
      run.xPt += startShift
      run.advancePt += endShift - startShift
    }
    line.widthPt = p.widthPt
    line.justified = true
  }
}

function ellipsis(text: string): string {
  return text.length > 40 ? `${text.slice(0, 39)}…` : text
}
