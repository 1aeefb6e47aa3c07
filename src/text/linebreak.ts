/**
 * Line breaking: fill lines greedily to a measure with the shaped
 * advances of the whole paragraph, then lay out each line's glyphs.
 *
 * Widths come from shaping the paragraph once. A line edge inside a run
 * reuses those glyphs when HarfBuzz marks the edge safe to break, and
 * reshapes the line's part of the run otherwise (HarfBuzz guarantees the
 * two agree where it is safe). If a reshaped line turns out wider than the
 * measure, the line ends at the previous opportunity instead.
 *
 * Space versus word breaks: in Khmer a space ends a phrase, while word
 * boundaries inside a phrase are invisible. When the last opportunity that
 * fits is not at a space, the line ends at the last space that fits
 * instead, provided the line is still at least `minSpaceFill` of the
 * measure (default 0.75); otherwise a very short line would result, and the
 * break goes inside the phrase. This is one comparison per line, not a
 * paragraph-wide optimisation (Knuth-Plass), on purpose.
 *
 * A single unbreakable stretch wider than the measure becomes a line of
 * its own with `overflow: true`; it is never cut.
 */
import {breakOpportunities, type BreakOpportunity} from './breaks.js'
import type {LoadedFont} from './fonts.js'
import {shape, type GlyphRun, type ShapedGlyph} from './shape.js'

export interface PositionedGlyph {
  glyphId: number
  /** Offset in the paragraph of the first character of the glyph's cluster. */
  clusterUtf16: number
  /** Where to draw the glyph: pen position plus HarfBuzz's x offset, from the line start. */
  xPt: number
  /** HarfBuzz's y offset, up is positive. */
  yPt: number
  advancePt: number
}

export interface LineRun {
  startUtf16: number
  endUtf16: number
  font: LoadedFont
  fontSizePt: number
  script: string
  language: string
  direction: 'ltr' | 'rtl'
  /** Pen position where the run starts, from the line start. */
  xPt: number
  advancePt: number
  glyphs: PositionedGlyph[]
}

export interface Line {
  /** Source range, trailing spaces included: the lines' ranges tile the paragraph. */
  startUtf16: number
  endUtf16: number
  /** End of the visible text: `endUtf16` less trailing white space and ZWSP. */
  visibleEndUtf16: number
  /** Width of the visible text (trailing spaces hang past the measure); the measure once justified. */
  widthPt: number
  runs: LineRun[]
  /** One unbreakable stretch wider than the measure; the caller reports it. */
  overflow: boolean
  /** Ended by a mandatory break (line feed, U+2028). */
  hardBreak: boolean
  justified: boolean
}

export interface LinebreakOptions {
  widthPt: number
  fontSizePt: number
  /** Stretch every line but the last (and lines ending in a hard break) to the measure. */
  justify?: boolean
  /** How full a line ending at a space must be before it is preferred to a break inside a phrase; 1 turns the preference off. */
  minSpaceFill?: number
  /** Reshape every line instead of reusing glyphs at safe edges (for tests). */
  reshapeAll?: boolean
}

export interface LinebreakResult {
  lines: Line[]
  /** Some line has `overflow`. */
  overflow: boolean
}

// Rounding slack, far below anything visible (a millionth of a point).
const EPSILON_PT = 1e-6

/** Break a shaped paragraph (`runs` from `shape` over all of `text`) into lines of at most `widthPt`. */
export function linebreak(text: string, runs: readonly GlyphRun[], options: LinebreakOptions): LinebreakResult {
  const {widthPt, fontSizePt} = options
  const minSpaceFill = options.minSpaceFill ?? 0.75
  const n = text.length
  const metrics = paragraphMetrics(text, runs, fontSizePt)
  const opportunities = breakOpportunities(text)
  const lines: Line[] = []

  let start = 0
  let next = 0 // first opportunity after `start`
  while (start < n) {
    const candidates = fittingOpportunities(opportunities, next, start, widthPt, minSpaceFill, metrics, text)
    let line: Line | undefined
    for (const index of candidates) {
      const opportunity = opportunities[index]!
      const laidOut = layoutLine(text, runs, metrics, start, opportunity, options)
      if (laidOut.widthPt <= widthPt + EPSILON_PT || index === next) {
        line = laidOut
        next = index + 1
        break
      }
    }
    if (!line) {
      // Nothing fits: the first stretch alone, flagged.
      line = layoutLine(text, runs, metrics, start, opportunities[next]!, options)
      next += 1
    }
    if (line.widthPt > widthPt + EPSILON_PT) line.overflow = true
    lines.push(line)
    start = line.endUtf16
  }

  if (options.justify) {
    for (const [index, line] of lines.entries()) {
      if (index < lines.length - 1 && !line.hardBreak && !line.overflow) justifyLine(line, opportunities, widthPt)
    }
  }
  return {lines, overflow: lines.some((line) => line.overflow)}
}

interface ParagraphMetrics {
  /** prefixPt[i]: width of the paragraph's glyphs for source offsets below i. */
  prefixPt: Float64Array
  /** Offsets where reusing the paragraph's glyphs is safe (run edges, or clusters HarfBuzz did not flag). */
  safe: Uint8Array
}

function paragraphMetrics(text: string, runs: readonly GlyphRun[], fontSizePt: number): ParagraphMetrics {
  const n = text.length
  const advancePt = new Float64Array(n + 1)
  const flagged = new Uint8Array(n + 1)
  const present = new Uint8Array(n + 1)
  const safe = new Uint8Array(n + 1)
  for (const run of runs) {
    const scale = fontSizePt / run.font.upem
    for (const glyph of run.glyphs) {
      advancePt[glyph.clusterUtf16]! += glyph.advanceUnits * scale
      present[glyph.clusterUtf16] = 1
      if (glyph.unsafeToBreak) flagged[glyph.clusterUtf16] = 1
    }
  }
  for (let i = 0; i <= n; i++) safe[i] = present[i] && !flagged[i] ? 1 : 0
  for (const run of runs) {
    safe[run.startUtf16] = 1
    safe[run.endUtf16] = 1
  }
  const prefixPt = new Float64Array(n + 1)
  for (let i = 0; i < n; i++) prefixPt[i + 1] = prefixPt[i]! + advancePt[i]!
  return {prefixPt, safe}
}

/**
 * Indexes of the opportunities to try for a line from `start`, best
 * first: the preferred fitting one, then the other fitting ones from the
 * last backwards. Empty when even the first one does not fit.
 */
function fittingOpportunities(
  opportunities: readonly BreakOpportunity[],
  first: number,
  start: number,
  widthPt: number,
  minSpaceFill: number,
  metrics: ParagraphMetrics,
  text: string
): number[] {
  let last = -1
  let lastSpace = -1
  for (let index = first; index < opportunities.length; index++) {
    const opportunity = opportunities[index]!
    const end = visibleEnd(text, start, opportunity.offsetUtf16)
    if (metrics.prefixPt[end]! - metrics.prefixPt[start]! > widthPt + EPSILON_PT) break
    last = index
    if (opportunity.kind === 'space') lastSpace = index
    if (opportunity.required) break
  }
  if (last < 0) return []
  let preferred = last
  const lastOpportunity = opportunities[last]!
  if (lastSpace >= 0 && lastSpace !== last && lastOpportunity.kind !== 'space' && !lastOpportunity.required) {
    const spaceEnd = visibleEnd(text, start, opportunities[lastSpace]!.offsetUtf16)
    if (metrics.prefixPt[spaceEnd]! - metrics.prefixPt[start]! >= minSpaceFill * widthPt) preferred = lastSpace
  }
  const order = [preferred]
  for (let index = last; index >= first; index--) if (index !== preferred) order.push(index)
  return order
}

function layoutLine(
  text: string,
  runs: readonly GlyphRun[],
  metrics: ParagraphMetrics,
  start: number,
  opportunity: BreakOpportunity,
  options: LinebreakOptions
): Line {
  const end = opportunity.offsetUtf16
  const visibleEndUtf16 = visibleEnd(text, start, end)
  const lineRuns: LineRun[] = []
  let penPt = 0
  let visibleWidthPt = 0
  for (let r = firstRunEndingAfter(runs, start); r < runs.length; r++) {
    const run = runs[r]!
    if (run.startUtf16 >= end) break
    if (run.endUtf16 <= start) continue
    const pieceStart = Math.max(start, run.startUtf16)
    const pieceEnd = Math.min(end, run.endUtf16)
    const reuse = !options.reshapeAll && metrics.safe[pieceStart] === 1 && metrics.safe[pieceEnd] === 1
    const glyphs = reuse
      ? sliceGlyphs(run, pieceStart, pieceEnd)
      : shape(text, {...run, startUtf16: pieceStart, endUtf16: pieceEnd}, {contextStartUtf16: start, contextEndUtf16: end})
          .glyphs
    const scale = options.fontSizePt / run.font.upem
    const positioned: PositionedGlyph[] = []
    const runStartPt = penPt
    for (const glyph of glyphs) {
      const advancePt = glyph.advanceUnits * scale
      positioned.push({
        glyphId: glyph.glyphId,
        clusterUtf16: glyph.clusterUtf16,
        xPt: penPt + glyph.offsetXUnits * scale,
        yPt: glyph.offsetYUnits * scale,
        advancePt
      })
      penPt += advancePt
      if (glyph.clusterUtf16 < visibleEndUtf16) visibleWidthPt = penPt
    }
    lineRuns.push({
      startUtf16: pieceStart,
      endUtf16: pieceEnd,
      font: run.font,
      fontSizePt: options.fontSizePt,
      script: run.script,
      language: run.language,
      direction: run.direction,
      xPt: runStartPt,
      advancePt: penPt - runStartPt,
      glyphs: positioned
    })
  }
  return {
    startUtf16: start,
    endUtf16: end,
    visibleEndUtf16,
    widthPt: visibleWidthPt,
    runs: lineRuns,
    overflow: false,
    hardBreak: opportunity.required && end < text.length,
    justified: false
  }
}

/** The first of `runs` (in text order, not overlapping) that ends after `offset`. */
function firstRunEndingAfter(runs: readonly GlyphRun[], offset: number): number {
  let low = 0
  let high = runs.length
  while (low < high) {
    const middle = (low + high) >> 1
    if (runs[middle]!.endUtf16 <= offset) low = middle + 1
    else high = middle
  }
  return low
}

function sliceGlyphs(run: GlyphRun, start: number, end: number): ShapedGlyph[] {
  const {glyphs} = run
  if (run.direction === 'rtl') return glyphs.filter((glyph) => glyph.clusterUtf16 >= start && glyph.clusterUtf16 < end)
  // Left-to-right runs keep clusters in ascending order: find the slice by
  // bisection, not by a pass over the run (a paragraph may be one run).
  const from = firstGlyphAtOrAfter(glyphs, start)
  return glyphs.slice(from, firstGlyphAtOrAfter(glyphs, end, from))
}

function firstGlyphAtOrAfter(glyphs: readonly ShapedGlyph[], offset: number, low = 0): number {
  let high = glyphs.length
  while (low < high) {
    const middle = (low + high) >> 1
    if (glyphs[middle]!.clusterUtf16 < offset) low = middle + 1
    else high = middle
  }
  return low
}

/**
 * Spread the slack over the line's inner opportunities: at spaces when the
 * line has any, else at Khmer word boundaries (a Khmer line may hold no
 * space at all).
 */
function justifyLine(line: Line, opportunities: readonly BreakOpportunity[], widthPt: number): void {
  const slackPt = widthPt - line.widthPt
  if (slackPt <= EPSILON_PT) return
  const inner = opportunities.filter(
    (opportunity) => opportunity.offsetUtf16 > line.startUtf16 && opportunity.offsetUtf16 < line.visibleEndUtf16
  )
  const spaces = inner.filter((opportunity) => opportunity.kind === 'space')
  const points = (spaces.length > 0 ? spaces : inner).map((opportunity) => opportunity.offsetUtf16)
  if (points.length === 0) return
  const stepPt = slackPt / points.length
  for (const run of line.runs) {
    const startShiftPt = stepPt * countAtOrBelow(points, run.startUtf16)
    let endShiftPt = startShiftPt
    for (const glyph of run.glyphs) {
      endShiftPt = stepPt * countAtOrBelow(points, glyph.clusterUtf16)
      glyph.xPt += endShiftPt
    }
    run.xPt += startShiftPt
    run.advancePt += endShiftPt - startShiftPt
  }
  line.widthPt = widthPt
  line.justified = true
}

function countAtOrBelow(sorted: readonly number[], value: number): number {
  let count = 0
  while (count < sorted.length && sorted[count]! <= value) count++
  return count
}

/** `end` less trailing white space (ZWSP included): those hang past the measure. */
function visibleEnd(text: string, start: number, end: number): number {
  while (end > start && isTrailingSpace(text.charCodeAt(end - 1))) end--
  return end
}

function isTrailingSpace(code: number): boolean {
  // Not U+00A0, U+2007, U+202F: no-break spaces are never trailing.
  return (
    code === 0x20 ||
    (code >= 0x09 && code <= 0x0d) ||
    code === 0x85 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200b && code !== 0x2007) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x205f ||
    code === 0x3000
  )
}
