/**
 * One line of `hb-shape` output, reproduced with harfbuzzjs: the same
 * buffer set-up (flags, cluster level, context, features) and the same
 * serialisation as HarfBuzz's hb-shape 6.0 (hb-buffer-serialize.cc):
 *
 *   [glyph=cluster@dx,dy+advance,yadvance#flags<xb,yb,w,h>|…]
 *
 * Offsets are printed only when non-zero; with advances turned off they
 * become absolute pen positions. Clusters are code point indices (hb-shape
 * rewrites the UTF-8 byte offsets it feeds HarfBuzz), or UTF-8 byte offsets
 * with `utf8Clusters`.
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
  glyphName(glyphId: number): string
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
  const {before, after} = settings
  const clusterOf = clusterMapper(codePoints, before.length, settings.utf8Clusters)

  buffer.reset()
  buffer.addCodePoints([...before, ...codePoints, ...after], before.length, codePoints.length)
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
  if (settings.showUnicode) out += `${prefix}${serializeUnicode(codePoints, before.length, clusterOf, settings)}\n`

  const features = settings.features.map((feature) => shiftFeature(feature, codePoints, before.length, settings.utf8Clusters))
  hb.shape(font.hbFont, buffer, features)
  out += `${prefix}${serializeGlyphs(font, clusterOf, settings)}\n`
  return out
}

/** Buffer cluster (an index into before + text + after) to the value hb-shape prints. */
function clusterMapper(codePoints: readonly number[], shift: number, utf8: boolean): (cluster: number) => number {
  if (!utf8) return (cluster) => cluster - shift
  const byteOffsets: number[] = []
  let bytes = 0
  for (const codePoint of codePoints) {
    byteOffsets.push(bytes)
    bytes += codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4
  }
  byteOffsets.push(bytes)
  // Merged clusters take the smallest index, and byte offsets grow with
  // indices, so mapping after shaping gives what HarfBuzz would have had.
  return (cluster) => byteOffsets[cluster - shift] ?? bytes
}

/** Feature ranges count from the start of the line; the buffer's clusters count the context too. */
function shiftFeature(feature: hb.Feature, codePoints: readonly number[], shift: number, utf8: boolean): hb.Feature {
  const toIndex = (value: number): number => {
    if (value === hb.Feature.GLOBAL_END || value === hb.Feature.GLOBAL_START) return value
    let index = value
    if (utf8) {
      let bytes = 0
      index = 0
      while (index < codePoints.length && bytes < value) {
        const codePoint = codePoints[index]!
        bytes += codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4
        index++
      }
    }
    return index + shift
  }
  if (shift === 0 && !utf8) return feature
  return new hb.Feature(feature.tag, feature.value, toIndex(feature.start), toIndex(feature.end))
}

function serializeUnicode(
  codePoints: readonly number[],
  shift: number,
  clusterOf: (cluster: number) => number,
  settings: HbShapeSettings
): string {
  const items = codePoints.map((codePoint, index) => {
    const hex = codePoint.toString(16).toUpperCase().padStart(4, '0')
    return settings.clusters ? `U+${hex}=${clusterOf(index + shift)}` : `U+${hex}`
  })
  return items.length === 0 ? '' : `<${items.join('|')}>`
}

function serializeGlyphs(font: HbShapeFont, clusterOf: (cluster: number) => number, settings: HbShapeSettings): string {
  const infos = buffer.getGlyphInfos()
  const positions = buffer.getGlyphPositions()
  const json = settings.format === 'json'
  const items: string[] = []
  let x = 0
  let y = 0
  for (let i = 0; i < infos.length; i++) {
    const info = infos[i]!
    const position = positions[i]!
    let item: string
    if (json) {
      item = `{"g":${settings.glyphNames ? jsonString(font.glyphName(info.codepoint)) : info.codepoint}`
      if (settings.clusters) item += `,"cl":${clusterOf(info.cluster)}`
      if (settings.positions) {
        item += `,"dx":${x + position.xOffset},"dy":${y + position.yOffset}`
        if (settings.advances) item += `,"ax":${position.xAdvance},"ay":${position.yAdvance}`
      }
      const flags = info.flags & hb.GlyphFlag.DEFINED
      if (settings.showFlags && flags) item += `,"fl":${flags}`
      if (settings.showExtents) {
        const e = extents(font, info.codepoint)
        item += `,"xb":${e.xBearing},"yb":${e.yBearing},"w":${e.width},"h":${e.height}`
      }
      item += '}'
    } else {
      item = settings.glyphNames ? font.glyphName(info.codepoint) : String(info.codepoint)
      if (settings.clusters) item += `=${clusterOf(info.cluster)}`
      if (settings.positions) {
        const dx = x + position.xOffset
        const dy = y + position.yOffset
        if (dx || dy) item += `@${dx},${dy}`
        if (settings.advances) {
          item += `+${position.xAdvance}`
          if (position.yAdvance) item += `,${position.yAdvance}`
        }
      }
      const flags = info.flags & hb.GlyphFlag.DEFINED
      if (settings.showFlags && flags) item += `#${flags.toString(16).toUpperCase()}`
      if (settings.showExtents) {
        const e = extents(font, info.codepoint)
        item += `<${e.xBearing},${e.yBearing},${e.width},${e.height}>`
      }
    }
    if (!settings.advances) {
      x += position.xAdvance
      y += position.yAdvance
    }
    items.push(item)
  }
  if (items.length === 0) return ''
  return json ? `[${items.join(',')}]` : `[${items.join('|')}]`
}

function extents(font: HbShapeFont, glyphId: number): hb.GlyphExtents {
  return font.hbFont.glyphExtents(glyphId) ?? {xBearing: 0, yBearing: 0, width: 0, height: 0}
}

function jsonString(value: string): string {
  return `"${value.replace(/["\\]/g, (char) => `\\${char}`)}"`
}
