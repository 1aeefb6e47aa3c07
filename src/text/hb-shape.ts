/**
 * One line of `hb-shape` output, made with harfbuzzjs: the buffer filled
 * and set up as hb-shape 6.0 does it (hb-shape.cc, shape_options_t), and the
 * glyphs written by HarfBuzz's own serializer (hb_buffer_serialize, through
 * harfbuzzjs's Buffer.serialize), which is what hb-shape prints:
 *
 *   [glyph=cluster@dx,dy+advance,yadvance#flags<xb,yb,w,h>|…]
 *
 * Clusters are code point indices of the line (hb-shape rewrites the UTF-8
 * byte offsets it feeds HarfBuzz), or UTF-8 byte offsets with
 * `utf8Clusters`; the context around the line is HarfBuzz's pre- and
 * post-context, outside the buffer, as in hb-shape.
 */
import * as hb from 'harfbuzzjs'

export interface HbShapeSettings {
  /** 'ltr', 'rtl', 'ttb' or 'btt' (only the first letter counts, as in HarfBuzz); unset = guess. */
  direction?: string
  /** ISO 15924; unset = guess from the text. */
  script?: string
  /** BCP 47; unset = HarfBuzz's default language. */
  language?: string
  features: readonly hb.Feature[]
  /** hb.BufferFlag bits. */
  bufferFlags: number
  /** hb.ClusterLevel. */
  clusterLevel: number
  utf8Clusters: boolean
  /** Context code points, as --unicodes-before/--text-before. */
  before: readonly number[]
  after: readonly number[]
  format: 'text' | 'json'
  glyphNames: boolean
  positions: boolean
  advances: boolean
  clusters: boolean
  showFlags: boolean
  showExtents: boolean
  showText: boolean
  showUnicode: boolean
  showLineNum: boolean
}

export const defaultHbShapeSettings: HbShapeSettings = {
  features: [],
  bufferFlags: 0,
  clusterLevel: 0,
  utf8Clusters: false,
  before: [],
  after: [],
  format: 'text',
  glyphNames: true,
  positions: true,
  advances: true,
  clusters: true,
  showFlags: false,
  showExtents: false,
  showText: false,
  showUnicode: false,
  showLineNum: false
}

export interface HbShapeFont {
  hbFont: hb.Font
}

const buffer = new hb.Buffer()
const directionTags: Record<string, hb.Direction> = {
  l: hb.Direction.LTR,
  r: hb.Direction.RTL,
  t: hb.Direction.TTB,
  b: hb.Direction.BTT
}

/** Shape one line of code points and return what hb-shape prints for it, newline included. */
export function hbShape(font: HbShapeFont, codePoints: readonly number[], lineNumber: number, settings: HbShapeSettings): string {
  const clusters = clusterValues(codePoints, settings.utf8Clusters)

  buffer.reset()
  // As hb-shape: the context before (an empty item after it), the line with
  // its own cluster values, then the context after (an empty item before it).
  if (settings.before.length > 0) buffer.addCodePoints([...settings.before], settings.before.length, 0)
  codePoints.forEach((codePoint, index) => buffer.add(codePoint, clusters[index]!))
  if (settings.after.length > 0) buffer.addCodePoints([...settings.after], 0, 0)
  if (settings.direction) {
    const direction = directionTags[settings.direction.charAt(0).toLowerCase()]
    if (direction !== undefined) buffer.setDirection(direction)
  }
  if (settings.script) buffer.setScript(settings.script)
  if (settings.language) buffer.setLanguage(settings.language)
  buffer.setFlags(settings.bufferFlags)
  buffer.setClusterLevel(settings.clusterLevel as hb.ClusterLevel)
  buffer.guessSegmentProperties()

  const prefix = settings.showLineNum ? `${lineNumber}: ` : ''
  let out = ''
  if (settings.showText) out += `${prefix}(${codePoints.map((codePoint) => String.fromCodePoint(codePoint)).join('')})\n`
  if (settings.showUnicode) out += `${prefix}${serializeUnicode(codePoints, clusters, settings.clusters)}\n`

  hb.shape(font.hbFont, buffer, [...settings.features])
  const F = hb.BufferSerializeFlag
  const flags =
    (settings.glyphNames ? 0 : F.NO_GLYPH_NAMES) |
    (settings.positions ? 0 : F.NO_POSITIONS) |
    (settings.advances ? 0 : F.NO_ADVANCES) |
    (settings.clusters ? 0 : F.NO_CLUSTERS) |
    (settings.showFlags ? F.GLYPH_FLAGS : 0) |
    (settings.showExtents ? F.GLYPH_EXTENTS : 0)
  const format = settings.format === 'json' ? hb.BufferSerializeFormat.JSON : hb.BufferSerializeFormat.TEXT
  out += `${prefix}${buffer.serialize({font: font.hbFont, format, flags})}\n`
  return out
}

/** The cluster value hb-shape gives each code point: its index, or its UTF-8 byte offset. */
function clusterValues(codePoints: readonly number[], utf8: boolean): number[] {
  if (!utf8) return codePoints.map((_, index) => index)
  let bytes = 0
  return codePoints.map((codePoint) => {
    const offset = bytes
    bytes += codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4
    return offset
  })
}

/** `--show-unicode`: what hb_buffer_serialize_unicode writes, which harfbuzzjs does not expose. */
function serializeUnicode(codePoints: readonly number[], clusters: readonly number[], withClusters: boolean): string {
  const items = codePoints.map((codePoint, index) => {
    const hex = codePoint.toString(16).toUpperCase().padStart(4, '0')
    return withClusters ? `U+${hex}=${clusters[index]}` : `U+${hex}`
  })
  return items.length === 0 ? '' : `<${items.join('|')}>`
}
