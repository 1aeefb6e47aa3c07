/**
 * Share cards: the picture a social network shows for a release's page
 * (`og:image`), 1200×630, in the letterhead's style: organisation, rule,
 * document title, the headline large, then reference and date.
 *
 * The text engine lays the text out (itemize, shape with HarfBuzz, break
 * lines at Khmer word boundaries); each glyph is drawn as its outline from
 * HarfBuzz (`glyphToPath`) at its shaped position, in an SVG that resvg
 * turns into a PNG. No system font and no browser take part, so a Khmer
 * headline comes out as HarfBuzz shapes it, and the same text gives the
 * same bytes on every machine.
 *
 * The headline gets at most four lines: it is set smaller, step by step,
 * until it fits, and only at the smallest size is it cut, at a break
 * opportunity, with an ellipsis.
 */
import {readFileSync} from 'node:fs'
import {createRequire} from 'node:module'
import {crc32, deflateSync} from 'node:zlib'
import {initWasm, Resvg} from '@resvg/resvg-wasm'
import type {Config} from '../../config/model.js'
import {fontPath} from '../../package.js'
import type {Lang} from '../../release/model.js'
import {cardSize} from './size.js'
import {breakOpportunities, itemize, layoutParagraph, linebreak, loadFont, shape, type Line, type LoadedFont} from '../../text/index.js'

export {cardSize}

/** What a card shows, as the page writes it. */
export interface CardText {
  lang: Lang
  organisation: string
  /** The document title: PRESS RELEASE, សេចក្តីប្រកាសព័ត៌មាន. */
  title: string
  headline: string
  /** The date as the letterhead writes it in this language. */
  date: string
  ref: string
}

/** Fallback chains of the card's language (pressroom.yaml's `fonts`). */
export interface CardFonts {
  regular: readonly LoadedFont[]
  bold: readonly LoadedFont[]
}

/** A glyph as drawn: its font, id and where its origin sits on the card (pixels, y down). */
export interface DrawnGlyph {
  font: LoadedFont
  glyphId: number
  xPx: number
  yPx: number
  sizePx: number
}

export interface CardLayout {
  svg: string
  glyphs: DrawnGlyph[]
  headline: {
    text: string
    sizePx: number
    /** The lines as the text engine gave them, with where each line's origin sits. */
    lines: Array<{line: Line; xPx: number; baselinePx: number}>
    /** The headline's area on the card. */
    box: {x: number; y: number; width: number; height: number}
    /** Whether it had to be cut (it did not fit four lines at the smallest size). */
    cut: boolean
  }
}

const style = {
  navy: '#1f3864',
  ink: '#1a1a1a',
  muted: '#444444',
  rule: '#c9c9c9',
  margin: 80,
  headline: {top: 196, bottom: 524, maxLines: 4, largestPx: 60, smallestPx: 32, stepPx: 2},
  /** Line height as a multiple of the size: Khmer needs room for stacked subscripts and vowels above. */
  leading: {en: 1.22, km: 1.6} as Record<Lang, number>
}

/** Loads the fonts of a card's language from the config's font chains. */
export function loadCardFonts(config: Config, lang: Lang): CardFonts {
  const chain = (sources: readonly string[]) => sources.map((source) => loadFont(fontPath(config.root, source)))
  return {regular: chain(config.fonts[lang].regular), bold: chain(config.fonts[lang].bold)}
}

/** Lays a card out and draws it as an SVG of glyph outlines. */
export function layoutCard(text: CardText, fonts: CardFonts): CardLayout {
  const {width} = cardSize
  const inner = width - 2 * style.margin
  const glyphs: DrawnGlyph[] = []
  const shapes: string[] = []
  // Each colour applies to the glyphs from `from` on.
  const fills: Array<{colour: string; from: number}> = []

  // A single line, centred or aligned, made smaller if it is wider than the card's measure.
  const single = (content: string, chain: readonly LoadedFont[], sizePx: number, baselinePx: number, align: 'left' | 'center' | 'right', colour: string) => {
    if (!content.trim()) return
    const line = singleLine(content, chain, sizePx, inner, text.lang)
    if (!line) return
    const x = align === 'left' ? style.margin : align === 'right' ? width - style.margin - line.widthPt : (width - line.widthPt) / 2
    fills.push({colour, from: glyphs.length})
    placeLine(line, x, baselinePx, glyphs)
  }

  shapes.push(`<rect width="${width}" height="14" fill="${style.navy}"/>`)
  single(text.organisation.toUpperCase(), fonts.bold, 30, 86, 'center', style.navy)
  shapes.push(`<rect x="${style.margin}" y="110" width="${inner}" height="2" fill="${style.navy}"/>`)
  single(text.title, fonts.bold, 26, 160, 'center', style.ink)

  const headline = fitHeadline(text, fonts.bold, inner)
  fills.push({colour: style.ink, from: glyphs.length})
  for (const {line, xPx, baselinePx} of headline.lines) placeLine(line, xPx, baselinePx, glyphs)

  shapes.push(`<rect x="${style.margin}" y="546" width="${inner}" height="1" fill="${style.rule}"/>`)
  single(text.ref, fonts.regular, 24, 592, 'left', style.muted)
  single(text.date, fonts.regular, 24, 592, 'right', style.muted)

  return {svg: drawSvg(shapes, glyphs, fills), glyphs, headline}
}

/** Renders a card to PNG bytes. */
export function renderCard(text: CardText, fonts: CardFonts): Uint8Array {
  return rasterize(layoutCard(text, fonts).svg)
}

/** How resvg draws a card: at its own size on white, no system font, shapes anti-aliased. */
export const rasterOptions = {fitTo: {mode: 'original'}, background: '#ffffff', font: {loadSystemFonts: false}, shapeRendering: 2, imageRendering: 0} as const

// resvg as WebAssembly: each image is freed as soon as it is encoded, so
// drawing a thousand cards holds the memory of one.
await initWasm(readFileSync(createRequire(import.meta.url).resolve('@resvg/resvg-wasm/index_bg.wasm')))

/**
 * Rasterizes a card. resvg draws it; the PNG is made here from its pixels,
 * with zlib at level 3: resvg's own encoder compresses harder and takes
 * about twice as long as drawing, for cards a third smaller.
 */
export function rasterize(svg: string): Uint8Array {
  const resvg = new Resvg(svg, rasterOptions)
  try {
    const image = resvg.render()
    try {
      return encodePng(image.width, image.height, image.pixels)
    } finally {
      image.free()
    }
  } finally {
    resvg.free()
  }
}

let rows = Buffer.alloc(0)

/**
 * A PNG of RGBA pixels, unfiltered. resvg's pixels are premultiplied; a
 * card has an opaque background, so they are the colours themselves.
 * pngjs's writer (unfiltered, level 3) takes 11 ms a card against 3.3 ms
 * here, for files 40 % larger.
 */
export function encodePng(width: number, height: number, rgba: Uint8Array): Uint8Array {
  const stride = width * 4
  // The rows with their filter bytes (0), in a buffer kept for the next card.
  if (rows.length !== (stride + 1) * height) rows = Buffer.alloc((stride + 1) * height)
  for (let y = 0; y < height; y++) rows.set(rgba.subarray(y * stride, (y + 1) * stride), y * (stride + 1) + 1)
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 6, 0, 0, 0], 8) // 8 bits per channel, RGBA, deflate, no filter method beyond 0, not interlaced
  const chunk = (type: string, data: Uint8Array) => {
    const out = Buffer.alloc(12 + data.length)
    out.writeUInt32BE(data.length, 0)
    out.write(type, 4, 'latin1')
    out.set(data, 8)
    out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length)
    return out
  }
  const signature = Uint8Array.of(137, 80, 78, 71, 13, 10, 26, 10)
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(rows, {level: 3})), chunk('IEND', new Uint8Array(0))])
}

// The organisation and the title are the same on every card of a language.
const singleLines = new Map<string, Line | undefined>()

function singleLine(content: string, chain: readonly LoadedFont[], sizePx: number, maxWidthPx: number, lang: Lang): Line | undefined {
  const key = JSON.stringify([content, chain.map((font) => font.path), sizePx, maxWidthPx, lang])
  if (singleLines.has(key)) return singleLines.get(key)
  let layout = layoutParagraph(content, chain, {fontSizePt: sizePx, widthPt: 1e6, language: lang})
  const natural = layout.lines[0]?.widthPt ?? 0
  if (natural > maxWidthPx) layout = layoutParagraph(content, chain, {fontSizePt: (sizePx * maxWidthPx) / natural, widthPt: 1e6, language: lang})
  if (singleLines.size > 1000) singleLines.clear()
  singleLines.set(key, layout.lines[0])
  return layout.lines[0]
}

function fitHeadline(text: CardText, chain: readonly LoadedFont[], widthPx: number): CardLayout['headline'] {
  const {top, bottom, maxLines, largestPx, smallestPx, stepPx} = style.headline
  const boxHeight = bottom - top
  const leading = style.leading[text.lang]
  const content = text.headline.replace(/\s+/g, ' ').trim()
  // Shaped once: HarfBuzz's positions are in font units, so each size only breaks the lines again.
  const shaped = new Map<string, ReturnType<typeof shape>[]>()
  const lay = (value: string, sizePx: number) => {
    let runs = shaped.get(value)
    if (!runs) shaped.set(value, (runs = itemize(value, chain, {language: text.lang}).runs.map((run) => shape(value, run))))
    return linebreak(value, runs, {fontSizePt: sizePx, widthPt: widthPx}).lines
  }
  const fits = (lines: readonly Line[], sizePx: number) =>
    lines.length <= maxLines && lines.length * sizePx * leading <= boxHeight && lines.every((line) => line.widthPt <= widthPx + 1e-6)

  let sizePx = largestPx
  let lines = lay(content, sizePx)
  while (!fits(lines, sizePx) && sizePx - stepPx >= smallestPx) {
    sizePx -= stepPx
    lines = lay(content, sizePx)
  }
  let shown = content
  let cut = false
  if (!fits(lines, sizePx)) {
    // Even the smallest size needs more lines: keep what the first lines
    // hold, then take words off the end until the text and an ellipsis fit.
    cut = true
    const end = lines[maxLines - 1]?.visibleEndUtf16 ?? content.length
    const stops = breakOpportunities(content)
      .map((opportunity) => opportunity.offsetUtf16)
      .filter((offset) => offset <= end)
    for (let i = stops.length - 1; i >= 0; i--) {
      const candidate = `${content.slice(0, stops[i]).trimEnd()}…`
      const candidateLines = lay(candidate, sizePx)
      shown = candidate
      lines = candidateLines
      if (fits(candidateLines, sizePx)) break
    }
  }
  const lineHeight = sizePx * leading
  const blockTop = top + (boxHeight - lines.length * lineHeight) / 2
  const metrics = verticalMetrics(chain[0]!, sizePx)
  return {
    text: shown,
    sizePx,
    lines: lines.map((line, i) => ({
      line,
      xPx: style.margin + (widthPx - line.widthPt) / 2,
      baselinePx: blockTop + i * lineHeight + (lineHeight - (metrics.ascent + metrics.descent)) / 2 + metrics.ascent
    })),
    box: {x: style.margin, y: top, width: widthPx, height: boxHeight},
    cut
  }
}

/** The font's ascent and descent (both positive, pixels) at a size, from its horizontal extents. */
function verticalMetrics(font: LoadedFont, sizePx: number): {ascent: number; descent: number} {
  const extents = font.hbFont.hExtents()
  const scale = sizePx / font.upem
  return {ascent: extents.ascender * scale, descent: -extents.descender * scale}
}

function placeLine(line: Line, xPx: number, baselinePx: number, glyphs: DrawnGlyph[]): void {
  for (const run of line.runs) {
    for (const glyph of run.glyphs) {
      glyphs.push({font: run.font, glyphId: glyph.glyphId, xPx: xPx + glyph.xPt, yPx: baselinePx - glyph.yPt, sizePx: run.fontSizePt})
    }
  }
}

const outlines = new Map<LoadedFont, Map<number, string>>()

/** A glyph's outline as SVG path data, in font units (y up), from HarfBuzz; kept per font. */
function outlineOf(font: LoadedFont, glyphId: number): string {
  let paths = outlines.get(font)
  if (!paths) outlines.set(font, (paths = new Map()))
  let outline = paths.get(glyphId)
  if (outline === undefined) paths.set(glyphId, (outline = font.hbFont.glyphToPath(glyphId)))
  return outline
}

/** Numbers as the SVG writes them: two decimals at most, so the bytes do not depend on rounding noise. */
function num(value: number): string {
  const rounded = Math.round(value * 100) / 100
  return Object.is(rounded, -0) ? '0' : String(rounded)
}

/**
 * The SVG: each glyph's outline once in `<defs>` (font units, y up), then
 * one `<use>` per glyph, scaled to its size and flipped (SVG's y goes down).
 */
function drawSvg(shapes: readonly string[], glyphs: readonly DrawnGlyph[], fills: ReadonlyArray<{colour: string; from: number}>): string {
  const ids = new Map<string, string>()
  const fontIds = new Map<LoadedFont, number>()
  const defs: string[] = []
  const id = (glyph: DrawnGlyph) => {
    let fontId = fontIds.get(glyph.font)
    if (fontId === undefined) fontIds.set(glyph.font, (fontId = fontIds.size))
    const key = `f${fontId}g${glyph.glyphId}`
    if (!ids.has(key)) {
      ids.set(key, key)
      const outline = outlineOf(glyph.font, glyph.glyphId)
      if (outline) defs.push(`<path id="${key}" d="${outline}"/>`)
      else ids.set(key, '')
    }
    return ids.get(key)!
  }
  const groups: string[] = []
  fills.forEach((fill, i) => {
    const end = fills[i + 1]?.from ?? glyphs.length
    const uses: string[] = []
    for (const glyph of glyphs.slice(fill.from, end)) {
      const ref = id(glyph)
      if (!ref) continue // a space: no outline
      const scale = Number((glyph.sizePx / glyph.font.upem).toPrecision(6))
      uses.push(`<use href="#${ref}" transform="matrix(${scale} 0 0 ${-scale} ${num(glyph.xPx)} ${num(glyph.yPx)})"/>`)
    }
    if (uses.length > 0) groups.push(`<g fill="${fill.colour}">${uses.join('')}</g>`)
  })
  const {width, height} = cardSize
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
    `<defs>${defs.join('')}</defs>${shapes.join('')}${groups.join('')}</svg>`
  )
}
