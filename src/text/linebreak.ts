/**
 * Line breaking: choose where lines end with the shaped advances of the
 * whole paragraph, then lay out each line's glyphs.
 *
 * Widths come from shaping the paragraph once. A line edge inside a run
 * reuses those glyphs when HarfBuzz marks the edge safe to break, and
 * reshapes the line's part of the run otherwise (HarfBuzz guarantees the
 * two agree where it is safe). If a reshaped line turns out wider than the
 * measure, the line ends at the previous opportunity instead.
 *
 * Ragged text (`justify` off) fills lines greedily. In Khmer a space ends a
 * phrase, while word boundaries inside a phrase are invisible: when the
 * last opportunity that fits is not at a space, the line ends at the last
 * space that fits instead, provided the line is still at least
 * `minSpaceFill` of the measure (default 0.75).
 *
 * Justified text chooses its breaks over the whole paragraph (totalfit.ts,
 * after Knuth and Plass) so that lines need as little stretch as the
 * justification limits (justify.ts) allow, and then stretches them.
 *
 * A single unbreakable stretch wider than the measure becomes a line of
 * its own with `overflow: true`; it is never cut.
 */
import {breakOpportunities, visibleEnd, type BreakOpportunity} from './breaks.js'
import {justifyLine, StretchPoints} from './justify.js'
import type {Line, LineRun, PositionedGlyph} from './line.js'
import {shape, type GlyphRun, type ShapedGlyph} from './shape.js'
import {totalFit} from './totalfit.js'

export type {Line, LineRun, PositionedGlyph} from './line.js'

export interface LinebreakOptions {
  widthPt: number
  fontSizePt: number
  /**
   * Choose breaks over the whole paragraph and stretch every line but the
   * last (and lines ending in a hard break) to the measure, within the
   * limits of justify.ts.
   */
  justify?: boolean
  /** Ragged text: how full a line ending at a space must be before it is preferred to a break inside a phrase; 1 turns the preference off. */
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
  const metrics = paragraphMetrics(text, runs, options.fontSizePt)
  const opportunities = breakOpportunities(text)
  const setting: Setting = {text, runs, metrics, opportunities, options}
  if (!options.justify) {
    const lines = greedyLines(setting, 0, 0)
    return {lines, overflow: lines.some((line) => line.overflow)}
  }
  const points = new StretchPoints(text, opportunities)
  const lines: Line[] = []
  let start = 0
  for (const index of totalFit({text, opportunities, prefixPt: metrics.prefixPt, points, widthPt: options.widthPt, fontSizePt: options.fontSizePt})) {
    const line = layoutLine(text, runs, metrics, start, opportunities[index]!, options)
    if (line.widthPt > options.widthPt + EPSILON_PT && index !== firstAfter(opportunities, start)) {
      // Reshaping made the line wider than the paragraph's advances said:
      // set the rest greedily, which steps back an opportunity when needed.
      lines.push(...greedyLines(setting, start, firstAfter(opportunities, start)))
      break
    }
    if (line.widthPt > options.widthPt + EPSILON_PT) line.overflow = true
    lines.push(line)
    start = line.endUtf16
  }
  for (const [index, line] of lines.entries()) {
    if (index < lines.length - 1 && !line.hardBreak && !line.overflow) justifyLine(line, points, options.widthPt, options.fontSizePt)
  }
  return {lines, overflow: lines.some((line) => line.overflow)}
}

interface Setting {
  text: string
  runs: readonly GlyphRun[]
  metrics: ParagraphMetrics
  opportunities: readonly BreakOpportunity[]
  options: LinebreakOptions
}

/** The index of the first opportunity after `offset`. */
function firstAfter(opportunities: readonly BreakOpportunity[], offset: number): number {
  let low = 0
  let high = opportunities.length
  while (low < high) {
    const middle = (low + high) >> 1
    if (opportunities[middle]!.offsetUtf16 <= offset) low = middle + 1
    else high = middle
  }
  return low
}

/** Lines filled one by one from `start`; `next` is the first opportunity after it. */
function greedyLines({text, runs, metrics, opportunities, options}: Setting, start: number, next: number): Line[] {
  const {widthPt} = options
  const minSpaceFill = options.minSpaceFill ?? 0.75
  const lines: Line[] = []
  while (start < text.length) {
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
  return lines
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
