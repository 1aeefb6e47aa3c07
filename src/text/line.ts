/**
 * A set line: where it starts and ends in the paragraph, and its glyphs
 * placed from the line's start. Types only.
 */
import type {LoadedFont} from './fonts.js'

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
  /** Stretched to the measure; false for a last line, a line before a hard break, and a line the limits leave ragged. */
  justified: boolean
  /** What each stretch point of a justified line got. */
  stretch?: LineStretch
}

/** Extra width given to each stretch point of a justified line, per kind. */
export interface LineStretch {
  spacePt: number
  wordPt: number
  clusterPt: number
}
