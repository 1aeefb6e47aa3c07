/**
 * Shaping: one itemized run through HarfBuzz (harfbuzzjs), glyphs mapped
 * back to UTF-16 offsets in the source string.
 */
import * as hb from 'harfbuzzjs'
import type {TextRun} from './itemize.js'

export interface ShapedGlyph {
  glyphId: number
  /** Offset in the source text of the first character of the glyph's cluster. */
  clusterUtf16: number
  advanceUnits: number
  offsetXUnits: number
  offsetYUnits: number
  /** HarfBuzz's UNSAFE_TO_BREAK: breaking before this glyph's cluster requires reshaping both sides. */
  unsafeToBreak: boolean
}

/** A run after shaping: the run's text, font and script, and its glyphs. */
export interface GlyphRun extends TextRun {
  /** In visual order (left to right), positions in font units. */
  glyphs: ShapedGlyph[]
  advanceUnits: number
}

export interface ShapeOptions {
  /**
   * The stretch of `text` HarfBuzz sees as context around the run
   * (default: all of it). Lines are reshaped with the line as context, as
   * a line edge is a hard edge for the text.
   */
  contextStartUtf16?: number
  contextEndUtf16?: number
  features?: readonly hb.Feature[]
}

// Five code points, each at most two UTF-16 units.
const CONTEXT_UTF16 = 10

const directions = {ltr: hb.Direction.LTR, rtl: hb.Direction.RTL}

// One buffer, reset per call: a fresh hb.Buffer per run would leave its
// WebAssembly memory to the garbage collector's FinalizationRegistry.
const buffer = new hb.Buffer()

/** Shape `text.slice(run.startUtf16, run.endUtf16)` with the rest of the context around it. */
export function shape(text: string, run: TextRun, options: ShapeOptions = {}): GlyphRun {
  const contextStart = options.contextStartUtf16 ?? 0
  const contextEnd = options.contextEndUtf16 ?? text.length
  // HarfBuzz keeps at most 5 code points of context on each side
  // (HB_BUFFER_CONTEXT_LENGTH); copying only those, not the paragraph,
  // keeps shaping a long paragraph's many runs linear.
  const sliceStart = Math.max(contextStart, run.startUtf16 - CONTEXT_UTF16)
  const sliceEnd = Math.min(contextEnd, run.endUtf16 + CONTEXT_UTF16)
  const context = sliceStart === 0 && sliceEnd === text.length ? text : text.slice(sliceStart, sliceEnd)
  buffer.reset()
  // addText gives each character its UTF-16 index in `context` as its cluster.
  buffer.addText(context, run.startUtf16 - sliceStart, run.endUtf16 - run.startUtf16)
  buffer.setDirection(directions[run.direction])
  if (run.script !== 'Zyyy' && run.script !== 'Zzzz') buffer.setScript(run.script)
  buffer.setLanguage(run.language)
  buffer.guessSegmentProperties()
  // Beginning/end of text lets HarfBuzz mark a stray leading combining mark
  // with a dotted circle, which a reader can see and fix.
  let flags: number = hb.BufferFlag.DEFAULT
  if (run.startUtf16 === contextStart) flags |= hb.BufferFlag.BOT
  if (run.endUtf16 === contextEnd) flags |= hb.BufferFlag.EOT
  buffer.setFlags(flags)
  hb.shape(run.font.hbFont, buffer, options.features ? [...options.features] : undefined)

  const infos = buffer.getGlyphInfos()
  const positions = buffer.getGlyphPositions()
  const glyphs: ShapedGlyph[] = []
  let advanceUnits = 0
  for (let i = 0; i < infos.length; i++) {
    const info = infos[i]!
    // .notdef only comes from characters itemize reported as missing (or
    // line separators); never draw its box.
    if (info.codepoint === 0) continue
    const position = positions[i]!
    glyphs.push({
      glyphId: info.codepoint,
      clusterUtf16: info.cluster + sliceStart,
      advanceUnits: position.xAdvance,
      offsetXUnits: position.xOffset,
      offsetYUnits: position.yOffset,
      unsafeToBreak: (info.flags & hb.GlyphFlag.UNSAFE_TO_BREAK) !== 0
    })
    advanceUnits += position.xAdvance
  }
  return {
    startUtf16: run.startUtf16,
    endUtf16: run.endUtf16,
    font: run.font,
    script: run.script,
    language: run.language,
    direction: run.direction,
    glyphs,
    advanceUnits
  }
}
