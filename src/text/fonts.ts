/**
 * Font loading for the text engine: one HarfBuzz face and font per file and
 * process. harfbuzzjs 1.x initialises its WebAssembly module with a
 * top-level await when first imported, so importing it here loads HarfBuzz
 * exactly once; everything after that is synchronous.
 */
import {readFileSync} from 'node:fs'
import {resolve} from 'node:path'
import * as hb from 'harfbuzzjs'

export interface FontNames {
  /** Name ID 1, e.g. "Noto Sans Khmer". */
  family: string
  /** Name ID 2, e.g. "Bold". */
  subfamily: string
  /** Name ID 4, e.g. "Noto Sans Khmer Bold". */
  full: string
  /** Name ID 6, e.g. "NotoSansKhmer-Bold". */
  postscript: string
}

export interface LoadedFont {
  /** Absolute path; also the cache key. */
  readonly path: string
  readonly bytes: Uint8Array
  readonly hbFace: hb.Face
  /** Scaled to `upem`, so every position HarfBuzz returns is in font units. */
  readonly hbFont: hb.Font
  readonly upem: number
  readonly names: FontNames
  /** Whether the cmap maps this code point to a glyph. */
  covers(codePoint: number): boolean
  /** The glyph's name from the font, or `gid<N>` when it has none (as hb-shape prints it). */
  glyphName(glyphId: number): string
}

/** Thrown when a font file is missing, unreadable or not an OpenType font. */
export class FontLoadError extends Error {
  readonly path: string

  constructor(path: string, reason: string) {
    super(`cannot read font ${path}: ${reason}`)
    this.name = 'FontLoadError'
    this.path = path
  }
}

const cache = new Map<string, LoadedFont>()

/** Load (once per process) the font at `path`; relative paths resolve against the working directory. */
export function loadFont(path: string): LoadedFont {
  const absolute = resolve(path)
  const cached = cache.get(absolute)
  if (cached) return cached
  let bytes: Uint8Array
  try {
    bytes = readFileSync(absolute)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    throw new FontLoadError(path, code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : String(code ?? error))
  }
  const font = fontFromBytes(absolute, bytes)
  cache.set(absolute, font)
  return font
}

/** Build a font from bytes already in memory; `path` only names it. Not cached. */
export function fontFromBytes(path: string, bytes: Uint8Array, faceIndex = 0): LoadedFont {
  if (!hasSfntSignature(bytes)) throw new FontLoadError(path, 'not a TrueType or OpenType font')
  const hbFace = new hb.Face(new hb.Blob(bytes), faceIndex)
  // HarfBuzz accepts any bytes and yields an empty face, which would shape
  // everything to .notdef; a face without 'head' is not a usable font.
  if (!hbFace.referenceTable('head')) throw new FontLoadError(path, 'no head table')
  const hbFont = new hb.Font(hbFace)
  const upem = hbFace.upem
  hbFont.setScale(upem, upem)
  const codePoints = new Set(hbFace.collectUnicodes())
  const glyphNames = new Map<number, string>()
  const names: FontNames = {
    family: readName(hbFace, 1),
    subfamily: readName(hbFace, 2),
    full: readName(hbFace, 4),
    postscript: readName(hbFace, 6)
  }
  return {
    path,
    bytes,
    hbFace,
    hbFont,
    upem,
    names,
    covers: (codePoint) => codePoints.has(codePoint),
    glyphName(glyphId) {
      let name = glyphNames.get(glyphId)
      if (name === undefined) {
        name = hbFont.glyphName(glyphId)
        glyphNames.set(glyphId, name)
      }
      return name
    }
  }
}

function readName(face: hb.Face, nameId: number): string {
  try {
    return face.getName(nameId, 'en')
  } catch {
    return ''
  }
}

// TrueType 1.0, Apple 'true', CFF 'OTTO' and collections 'ttcf'.
const signatures = [0x00010000, 0x74727565, 0x4f54544f, 0x74746366]

function hasSfntSignature(bytes: Uint8Array): boolean {
  if (bytes.length < 12) return false
  const tag = ((bytes[0]! << 24) | (bytes[1]! << 16) | (bytes[2]! << 8) | bytes[3]!) >>> 0
  return signatures.includes(tag)
}
