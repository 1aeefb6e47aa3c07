/**
 * Content-stream text: HarfBuzz glyphs as PDF operators, with the source
 * text attached so that copy, paste, search and screen readers get the
 * characters in logical order.
 *
 * - Glyphs are shown by glyph id (Identity-H, CID = glyph id) at the
 *   positions HarfBuzz gave: TJ numbers for x, text rise (Ts) for y.
 * - A cluster whose glyphs do not spell its characters through the font's
 *   ToUnicode map (pre-base vowels and coeng-Ro drawn before the base,
 *   stacks, marks placed backwards) is wrapped in a marked-content span
 *   carrying its text: `/Span <</ActualText (…)>> BDC … EMC` (ISO 32000-1
 *   §14.9.4). Clusters that do spell it need no span.
 * - Extraction tools read a gap of about 0.1 em between two boxes as a
 *   space. A cluster ending in a zero-width mark drawn leftwards, or followed
 *   by the stretch of a justified Khmer line, would split a word
 *   ("ស្ថា នទូត"). Such a cluster goes in a span whose last glyph gets a
 *   character spacing (Tc) that ends the span's box where the next cluster
 *   starts; Tc is back to 0 at EMC, as poppler takes the Tc in force at EMC
 *   off the span's width.
 */
import type {Rgb} from './template.js'

/** What drawing needs from an embedded font. */
export interface ContentFont {
  /** Resource name, e.g. `F1`. */
  readonly resourceName: string
  /** The /W width of a glyph, in thousandths of the font size. */
  widthMilli(glyphId: number): number
  /**
   * Registers a glyph as used and returns the text its ToUnicode entry
   * maps it to. A glyph's entry is fixed at first use: `clusterText` when
   * the glyph is a cluster of its own, else what the font says it is.
   */
  useGlyph(glyphId: number, clusterText: string | null): string
}

export interface ClusterGlyph {
  glyphId: number
  /** Absolute x of the glyph origin (pen plus HarfBuzz's offset), in points. */
  xPt: number
  /** HarfBuzz's y offset, up is positive, in points. */
  yPt: number
}

// Gaps from this size up (in ems) are closed with Tc, as extraction tools
// start reading a space at about 0.1 em; overlaps only matter when large.
const GAP_EM = 0.03
const OVERLAP_EM = 0.1

/**
 * Builds the operators of one page's content. Text state (font, size, Tc,
 * Ts, colour) persists across text objects within the page, so it is
 * tracked to write each operator only when its value changes.
 */
export class ContentBuilder {
  private readonly out: string[] = []
  private inText = false
  private font: ContentFont | null = null
  private sizePt = 0
  private charSpacing = 0
  private rise = 0
  private fill = '0 0 0'
  /** Absolute x where the next glyph would be drawn without adjustment. */
  private penX = 0
  /** Pending TJ array items; flushed as one TJ. */
  private array: string[] = []
  private hex = ''

  /** Takes the operators written so far. */
  take(): string {
    this.flushArray()
    const text = this.out.join('\n')
    this.out.length = 0
    return text
  }

  raw(operators: string): void {
    this.flushArray()
    this.out.push(operators)
  }

  beginText(): void {
    if (this.inText) return
    this.out.push('BT')
    this.inText = true
  }

  endText(): void {
    if (!this.inText) return
    this.flushArray()
    this.out.push('ET')
    this.inText = false
  }

  /** Starts a line at an absolute position (opens a text object if needed). */
  moveTo(xPt: number, baselinePt: number): void {
    this.beginText()
    this.flushArray()
    this.out.push(`1 0 0 1 ${num(xPt)} ${num(baselinePt)} Tm`)
    this.penX = xPt
  }

  fillColour(colour: Rgb): void {
    const value = colour.map(num).join(' ')
    if (value === this.fill) return
    this.flushArray()
    this.out.push(`${value} rg`)
    this.fill = value
  }

  /**
   * Shows one cluster. `endXPt` is where the next cluster starts (or where
   * the pen ends); `text` is the cluster's source text.
   */
  showCluster(font: ContentFont, sizePt: number, glyphs: readonly ClusterGlyph[], text: string, endXPt: number): void {
    if (glyphs.length === 0) return
    if (font !== this.font || sizePt !== this.sizePt) {
      this.flushArray()
      this.out.push(`/${font.resourceName} ${num(sizePt)} Tf`)
      this.font = font
      this.sizePt = sizePt
    }
    const alone = glyphs.length === 1 ? text : null
    let mapped = ''
    for (const glyph of glyphs) mapped += font.useGlyph(glyph.glyphId, alone)
    const last = glyphs[glyphs.length - 1]!
    // The gap (or overlap) between this cluster's box and the next one.
    let spacing = endXPt - (last.xPt + (font.widthMilli(last.glyphId) * sizePt) / 1000)
    if (/^\s*$/u.test(text) || (spacing < GAP_EM * sizePt && spacing > -OVERLAP_EM * sizePt)) spacing = 0
    spacing = Number(num(spacing))
    // Glyphs spelling the text left to right, edge to edge, on the baseline
    // (consonant + ា) extract as they are; anything else needs the span.
    const actual = mapped !== text || spacing !== 0 || !sideBySide(font, sizePt, glyphs)
    if (actual) {
      this.flushArray()
      this.out.push(`/Span<</ActualText${utf16Literal(text)}>>BDC`)
    }
    for (const glyph of glyphs) {
      const widthPt = (font.widthMilli(glyph.glyphId) * sizePt) / 1000
      this.setRise(Number(num(glyph.yPt)))
      if (glyph === last) this.setCharSpacing(spacing)
      // Whole thousandths of an em: at most 0.006 pt off at 11 pt, never accumulating.
      const adjust = Math.round(((this.penX - glyph.xPt) * 1000) / sizePt)
      if (adjust !== 0) {
        if (this.hex) {
          this.array.push(`<${this.hex}>`)
          this.hex = ''
        }
        this.array.push(num(adjust))
      }
      this.hex += glyph.glyphId.toString(16).padStart(4, '0')
      // Where the glyph really lands, so rounding never accumulates.
      this.penX = this.penX - (adjust * sizePt) / 1000 + widthPt + this.charSpacing
    }
    if (actual) {
      // Extraction measures the span with the state at EMC: Tc is taken
      // off its width, so restore 0 before closing it (Ts likewise).
      this.setCharSpacing(0)
      this.setRise(0)
      this.flushArray()
      this.out.push('EMC')
    }
  }

  private setRise(risePt: number): void {
    if (risePt === this.rise) return
    this.flushArray()
    this.out.push(`${num(risePt)} Ts`)
    this.rise = risePt
  }

  private setCharSpacing(spacingPt: number): void {
    if (spacingPt === this.charSpacing) return
    this.flushArray()
    this.out.push(`${num(spacingPt)} Tc`)
    this.charSpacing = spacingPt
  }

  private flushArray(): void {
    if (this.hex) {
      this.array.push(`<${this.hex}>`)
      this.hex = ''
    }
    if (this.array.length === 0) return
    this.out.push(`[${this.array.join(' ')}]TJ`)
    this.array = []
  }
}

function sideBySide(font: ContentFont, sizePt: number, glyphs: readonly ClusterGlyph[]): boolean {
  for (let i = 0; i < glyphs.length; i++) {
    const glyph = glyphs[i]!
    if (glyph.yPt !== 0) return false
    if (i === 0) continue
    const previous = glyphs[i - 1]!
    const gap = glyph.xPt - (previous.xPt + (font.widthMilli(previous.glyphId) * sizePt) / 1000)
    if (Math.abs(gap) > GAP_EM * sizePt) return false
  }
  return true
}

/** A PDF number: at most 3 decimals, no exponent, no `-0`. */
export function num(value: number): string {
  const rounded = Math.round(value * 1000) / 1000
  if (rounded === 0) return '0'
  return String(rounded)
}

/**
 * A PDF text string in UTF-16BE with its byte order mark, as a literal
 * string of raw bytes (half the size of hex before compression), with
 * `( ) \\` and CR escaped.
 */
export function utf16Literal(text: string): string {
  let out = '(\xFE\xFF'
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    out += literalByte(code >> 8) + literalByte(code & 0xff)
  }
  return `${out})`
}

function literalByte(byte: number): string {
  if (byte === 0x28 || byte === 0x29 || byte === 0x5c) return `\\${String.fromCharCode(byte)}`
  if (byte === 0x0d) return '\\r'
  return String.fromCharCode(byte)
}
