/**
 * The text engine: itemize → shape (HarfBuzz) → break lines. Plain data in
 * and out; renderers place the glyphs they get and measure nothing
 * themselves.
 */
import type {LoadedFont} from './fonts.js'
import {itemize, type TextDiagnostic} from './itemize.js'
import {linebreak, type Line} from './linebreak.js'
import {shape} from './shape.js'

export {breakOpportunities, visibleEnd, type BreakKind, type BreakOpportunity} from './breaks.js'
export {FontLoadError, fontFromBytes, loadFont, type FontNames, type LoadedFont} from './fonts.js'
export {graphemeBoundaries} from './graphemes.js'
export {
  coversCodePoint,
  itemize,
  type Itemization,
  type ItemizeOptions,
  type MissingGlyph,
  type TextDiagnostic,
  type TextRun
} from './itemize.js'
export {
  linebreak,
  type Line,
  type LineRun,
  type LinebreakOptions,
  type LinebreakResult,
  type PositionedGlyph
} from './linebreak.js'
export {CLUSTER_MAX_EM, justifyLine, SPACE_COMFORT_EM, SPACE_MAX_EM, StretchPoints, WORD_MAX_EM, shareSlack} from './justify.js'
export type {LineStretch} from './line.js'
export {shape, type GlyphRun, type ShapedGlyph, type ShapeOptions} from './shape.js'

export interface LayoutOptions {
  fontSizePt: number
  widthPt: number
  /** Language of the paragraph, BCP 47 ('en', 'km'); default 'en'. */
  language?: string
  justify?: boolean
  /** See `LinebreakOptions.minSpaceFill`. */
  minSpaceFill?: number
}

export interface ParagraphLayout {
  lines: Line[]
  /** `missing-glyph` errors, offsets into the paragraph. */
  diagnostics: TextDiagnostic[]
  /** Some line holds an unbreakable stretch wider than the measure. */
  overflow: boolean
}

/** Lay out one paragraph with the fonts of `chain` (first that covers a character wins, per script run). */
export function layoutParagraph(text: string, chain: readonly LoadedFont[], options: LayoutOptions): ParagraphLayout {
  const {runs, diagnostics} = itemize(text, chain, {language: options.language})
  const glyphRuns = runs.map((run) => shape(text, run))
  const {lines, overflow} = linebreak(text, glyphRuns, {
    widthPt: options.widthPt,
    fontSizePt: options.fontSizePt,
    justify: options.justify,
    minSpaceFill: options.minSpaceFill
  })
  return {lines, diagnostics, overflow}
}
