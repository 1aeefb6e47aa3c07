/**
 * Embedded fonts: one Type0 font per font file (Identity-H, CIDFontType2),
 * its character ids being HarfBuzz's glyph ids. The font program is a
 * subset holding only the glyphs drawn (text/subset.ts), /W gives each
 * glyph's advance from `hmtx`, and ToUnicode maps each glyph to text as a
 * fallback for readers that ignore ActualText.
 */
import {createHash} from 'node:crypto'
import type {LoadedFont} from '../../text/index.js'
import type {ContentFont} from './content.js'
import {subsetFont} from '../../text/subset.js'
import {pdfText, type PdfDocument, type PdfRef, type PdfValue} from './pdfkit-document.js'

export class EmbeddedFont implements ContentFont {
  private readonly widths = new Map<number, number>()
  private readonly toUnicode = new Map<number, string>()

  constructor(
    readonly font: LoadedFont,
    readonly resourceName: string,
    readonly ref: PdfRef
  ) {}

  widthMilli(glyphId: number): number {
    let width = this.widths.get(glyphId)
    if (width === undefined) {
      // hmtx, not the shaped advance: /W must describe the glyph itself.
      width = Math.round((this.font.hbFont.glyphHAdvance(glyphId) * 1000 * 1000) / this.font.upem) / 1000
      this.widths.set(glyphId, width)
    }
    return width
  }

  useGlyph(glyphId: number, clusterText: string | null): string {
    let text = this.toUnicode.get(glyphId)
    if (text === undefined) {
      const own = fontText(this.font, glyphId)
      text = clusterText !== null && (own === null || !/[\p{Default_Ignorable_Code_Point}\s]/u.test(clusterText)) ? clusterText : (own ?? '\uFFFD')
      this.toUnicode.set(glyphId, text)
      this.widthMilli(glyphId)
    }
    return text
  }

  /** Writes the subset font program and its dictionaries, and ends `ref`. */
  write(doc: PdfDocument, options: {hinting: boolean}): void {
    const glyphIds = [...this.toUnicode.keys()].sort((a, b) => a - b)
    const program = subsetFont(this.font.bytes, glyphIds, options)
    const metrics = readMetrics(this.font)
    const scale = 1000 / this.font.upem
    const name = `${subsetTag(this.font.names.postscript, glyphIds)}+${(this.font.names.postscript || 'Font').replace(/[^!-~]|[()<>[\]{}/%#]/g, '')}`

    const fontFile = doc.object({Length1: program.length}, program)
    const descriptor = doc.object(
      {
        Type: 'FontDescriptor',
        FontName: name,
        Flags: metrics.flags,
        FontBBox: metrics.bbox.map((value) => Math.round(value * scale)),
        ItalicAngle: metrics.italicAngle,
        Ascent: Math.round(metrics.ascender * scale),
        Descent: Math.round(metrics.descender * scale),
        CapHeight: Math.round(metrics.capHeight * scale),
        XHeight: Math.round(metrics.xHeight * scale),
        StemV: 80,
        FontFile2: fontFile
      }
    )
    const defaultWidth = mostCommon(glyphIds.map((glyphId) => this.widthMilli(glyphId)))
    const cidFont = doc.object({
      Type: 'Font',
      Subtype: 'CIDFontType2',
      BaseFont: name,
      CIDSystemInfo: {Registry: pdfText('Adobe'), Ordering: pdfText('Identity'), Supplement: 0},
      FontDescriptor: descriptor,
      DW: defaultWidth,
      W: widthArray(
        glyphIds.filter((glyphId) => this.widthMilli(glyphId) !== defaultWidth),
        (glyphId) => this.widthMilli(glyphId)
      ),
      CIDToGIDMap: 'Identity'
    })
    const toUnicode = doc.object({}, toUnicodeCMap(glyphIds.map((glyphId) => [glyphId, this.toUnicode.get(glyphId)!])))
    doc.endObject(this.ref, {
      Type: 'Font',
      Subtype: 'Type0',
      BaseFont: name,
      Encoding: 'Identity-H',
      DescendantFonts: [cidFont],
      ToUnicode: toUnicode
    })
  }
}

function mostCommon(values: readonly number[]): number {
  const counts = new Map<number, number>()
  let best = 1000
  let bestCount = 0
  for (const value of values) {
    const count = (counts.get(value) ?? 0) + 1
    counts.set(value, count)
    if (count > bestCount || (count === bestCount && value < best)) {
      best = value
      bestCount = count
    }
  }
  return best
}

/** /W as `[first [w w …] first [w …]]`, one group per run of consecutive ids. */
function widthArray(glyphIds: readonly number[], width: (glyphId: number) => number): PdfValue[] {
  const out: PdfValue[] = []
  let group: number[] = []
  let previous = -2
  for (const glyphId of glyphIds) {
    if (glyphId !== previous + 1) {
      group = []
      out.push(glyphId, group)
    }
    group.push(width(glyphId))
    previous = glyphId
  }
  return out
}

function toUnicodeCMap(entries: ReadonlyArray<[number, string]>): string {
  const hex4 = (value: number) => value.toString(16).padStart(4, '0').toUpperCase()
  const blocks: string[] = []
  for (let i = 0; i < entries.length; i += 100) {
    const chunk = entries.slice(i, i + 100)
    const lines = chunk.map(([glyphId, text]) => {
      let target = ''
      for (let k = 0; k < text.length; k++) target += hex4(text.charCodeAt(k))
      return `<${hex4(glyphId)}> <${target}>`
    })
    blocks.push(`${chunk.length} beginbfchar\n${lines.join('\n')}\nendbfchar`)
  }
  return [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <FFFF>',
    'endcodespacerange',
    ...blocks,
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end'
  ].join('\n')
}

/** Six capital letters naming this subset (ISO 32000-1 §9.6.4), from its glyphs. */
function subsetTag(postscriptName: string, glyphIds: readonly number[]): string {
  const digest = createHash('sha256').update(`${postscriptName}:${glyphIds.join(',')}`).digest()
  let tag = ''
  for (let i = 0; i < 6; i++) tag += String.fromCharCode(65 + (digest[i]! % 26))
  return tag
}

const reverseCmaps = new WeakMap<LoadedFont, Map<number, number>>()

/** What the font says a glyph is: from its cmap, else from a `uniXXXX`-style name; null when it says nothing. */
function fontText(font: LoadedFont, glyphId: number): string | null {
  let reverse = reverseCmaps.get(font)
  if (!reverse) {
    reverse = new Map()
    for (const codePoint of font.hbFace.collectUnicodes()) {
      const glyph = font.hbFont.nominalGlyph(codePoint)
      if (glyph !== undefined && !reverse.has(glyph)) reverse.set(glyph, codePoint)
    }
    reverseCmaps.set(font, reverse)
  }
  const codePoint = reverse.get(glyphId)
  if (codePoint !== undefined) return String.fromCodePoint(codePoint)
  return textFromGlyphName(font.glyphName(glyphId))
}

/** Adobe Glyph List conventions: `uni17D2179A`, `u1F600`, ligatures joined by `_`, suffixes after `.`. */
export function textFromGlyphName(name: string): string | null {
  let text = ''
  for (const part of name.split('.')[0]!.split('_')) {
    const uni = /^uni((?:[0-9A-F]{4})+)$/.exec(part)
    const u = /^u([0-9A-F]{4,6})$/.exec(part)
    if (uni) {
      for (let i = 0; i < uni[1]!.length; i += 4) text += String.fromCharCode(Number.parseInt(uni[1]!.slice(i, i + 4), 16))
    } else if (u && Number.parseInt(u[1]!, 16) <= 0x10ffff) {
      text += String.fromCodePoint(Number.parseInt(u[1]!, 16))
    } else {
      return null
    }
  }
  return text === '' ? null : text
}

interface Metrics {
  bbox: [number, number, number, number]
  italicAngle: number
  ascender: number
  descender: number
  capHeight: number
  xHeight: number
  flags: number
}

/** The FontDescriptor's numbers, from head, hhea, post and OS/2 (font units). */
function readMetrics(font: LoadedFont): Metrics {
  const table = (tag: string) => {
    const bytes = font.hbFace.referenceTable(tag)
    return bytes && bytes.length > 0 ? new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength) : null
  }
  const head = table('head')
  const post = table('post')
  const os2 = table('OS/2')
  const extents = font.hbFont.hExtents()
  const bbox: [number, number, number, number] = head
    ? [head.getInt16(36), head.getInt16(38), head.getInt16(40), head.getInt16(42)]
    : [0, extents.descender, font.upem, extents.ascender]
  const italicAngle = post && post.byteLength >= 16 ? Math.round((post.getInt32(4) / 65536) * 100) / 100 : 0
  const fixedPitch = post && post.byteLength >= 16 ? post.getUint32(12) !== 0 : false
  const familyClass = os2 && os2.byteLength >= 32 ? os2.getInt16(30) >> 8 : 0
  const version = os2 && os2.byteLength >= 2 ? os2.getUint16(0) : 0
  const xHeight = os2 && version >= 2 && os2.byteLength >= 90 ? os2.getInt16(86) : Math.round(extents.ascender * 0.5)
  const capHeight = os2 && version >= 2 && os2.byteLength >= 90 ? os2.getInt16(88) : extents.ascender
  const italic = head ? (head.getUint16(44) & 2) !== 0 : false
  // FixedPitch 1, Serif 2, Symbolic 4 (glyphs outside the standard Latin set), Italic 64.
  let flags = 4
  if (fixedPitch) flags |= 1
  if (familyClass >= 1 && familyClass <= 7) flags |= 2
  if (italic || italicAngle !== 0) flags |= 64
  return {bbox, italicAngle, ascender: extents.ascender, descender: extents.descender, capHeight, xHeight, flags}
}
