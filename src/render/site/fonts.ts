import {createHash} from 'node:crypto'
import {readFileSync} from 'node:fs'
import path from 'node:path'
import {packageRoot} from '../../package.js'
import type {FontRole} from '../../config/model.js'
import type {Config} from '../../config/model.js'
import type {Memo} from '../renderer.js'
import {subsetForWeb} from '../../text/subset.js'
import {toWoff2} from './woff2.js'

/**
 * The site's web fonts: two families built from the fonts in
 * `pressroom.yaml`, the head of the Khmer chain ("Pressroom Khmer") and of
 * the English chain ("Pressroom Latin"), per role. Each is a WOFF2 subset
 * for its script, so a reader downloads tens of kilobytes, not the whole font.
 */
export type WebFontFamily = 'Pressroom Khmer' | 'Pressroom Latin'

export interface WebFontFace {
  family: WebFontFamily
  role: FontRole
  /** The font file as written in the config, relative to the config's folder. */
  source: string
}

export interface LoadedWebFontFace extends WebFontFace {
  bytes: Uint8Array
}

const roleStyle: Record<FontRole, {weight: 400 | 700; style: 'normal' | 'italic'}> = {
  regular: {weight: 400, style: 'normal'},
  bold: {weight: 700, style: 'normal'},
  italic: {weight: 400, style: 'italic'},
  boldItalic: {weight: 700, style: 'italic'}
}

const roles: readonly FontRole[] = ['regular', 'bold', 'italic', 'boldItalic']


export function webFontFaces(config: Config): WebFontFace[] {
  const faces: WebFontFace[] = []
  for (const role of roles) {
    const khmer = config.fonts.km[role][0]
    const latin = config.fonts.en[role][0]
    if (khmer) faces.push({family: 'Pressroom Khmer', role, source: khmer})
    if (latin) faces.push({family: 'Pressroom Latin', role, source: latin})
  }
  return faces
}

/**
 * The pieces each family's fonts are cut into, with the code points each
 * keeps, as the usual web font services cut them: a browser downloads a
 * piece only when a page uses one of its characters (`unicode-range`).
 * Characters in no piece are drawn by the reader's own fonts.
 */
const pieces: Record<WebFontFamily, Array<{suffix: string; codePoints: number[]}>> = {
  'Pressroom Khmer': [{suffix: '', codePoints: [...range(0x1780, 0x17ff), ...range(0x19e0, 0x19ff), ...range(0x200b, 0x200d), 0x25cc]}],
  'Pressroom Latin': [
    {
      suffix: '',
      codePoints: [...range(0x20, 0x7e), ...range(0xa0, 0xff), 0x131, 0x152, 0x153, 0x2bb, 0x2bc, 0x2c6, 0x2da, 0x2dc, 0x304, 0x308, 0x329, ...range(0x2000, 0x206f), 0x20ac, 0x2122, 0x2191, 0x2193, 0x2212, 0x2215, 0xfffd]
    },
    {suffix: '-ext', codePoints: [...range(0x100, 0x24f), ...range(0x1e00, 0x1eff), ...range(0x20a0, 0x20c0), 0x2113]}
  ]
}

function range(from: number, to: number): number[] {
  return Array.from({length: to - from + 1}, (_, i) => from + i)
}

/** `U+1780-17FF, U+25CC`: code points as a CSS `unicode-range`. */
export function unicodeRange(codePoints: readonly number[]): string {
  const sorted = [...new Set(codePoints)].sort((a, b) => a - b)
  const parts: string[] = []
  const hex = (n: number) => n.toString(16).toUpperCase().padStart(4, '0')
  for (let i = 0; i < sorted.length; i++) {
    const start = sorted[i]!
    while (sorted[i + 1] === sorted[i]! + 1) i++
    parts.push(start === sorted[i] ? `U+${hex(start)}` : `U+${hex(start)}-${hex(sorted[i]!)}`)
  }
  return parts.join(', ')
}

/** Code points the Khmer family serves; everything else falls to the Latin family. */
export const khmerUnicodeRange = unicodeRange(pieces['Pressroom Khmer'][0]!.codePoints)

export interface WebFonts {
  /** `@font-face` rules, with URLs relative to the stylesheet. */
  css: string
  /** WOFF2 files by name, to put in the stylesheet's `fonts/` folder. */
  files: Array<{name: string; data: Uint8Array}>
}

/**
 * Makes each font file's web fonts once (faces sharing a file share them):
 * a piece per range of code points, compressed as WOFF2. They depend on the
 * font's bytes alone, so a build keeps them in its memo and never makes
 * them again for the same font.
 */
export async function renderWebFonts(faces: readonly LoadedWebFontFace[], memo: Memo = (_, make) => make()): Promise<WebFonts> {
  const bySource = new Map<string, Array<{name: string; range: string; data: Promise<Uint8Array>}>>()
  const names = new Set<string>()
  const rules: string[] = []
  for (const face of faces) {
    const key = `${face.family}\0${face.source}`
    let fonts = bySource.get(key)
    if (!fonts) {
      const {bytes} = face
      const hash = createHash('sha256').update(bytes).digest('hex')
      const base = path.basename(face.source).replace(/\.[^.]+$/, '').replace(/[^A-Za-z0-9_-]/g, '-')
      fonts = pieces[face.family].map(({suffix, codePoints}) => ({
        name: `${uniqueName(names, `${base}${suffix}`)}.woff2`,
        range: unicodeRange(codePoints),
        data: memo(webFontKey(face.family, suffix, hash), async () => shippedFont(webFontKey(face.family, suffix, hash), 'woff2') ?? makeWebFont(bytes, codePoints))
      }))
      bySource.set(key, fonts)
    }
    const {weight, style} = roleStyle[face.role]
    for (const font of fonts) {
      rules.push(
        [
          '@font-face {',
          `  font-family: "${face.family}";`,
          `  src: url("fonts/${font.name}") format("woff2");`,
          `  font-weight: ${weight};`,
          `  font-style: ${style};`,
          '  font-display: swap;',
          `  unicode-range: ${font.range};`,
          '}'
        ].join('\n')
      )
    }
  }
  const files = await Promise.all([...bySource.values()].flat().map(async ({name, data}) => ({name, data: new Uint8Array(await data)})))
  const header = '/* Written by pressroom from the fonts in pressroom.yaml: WOFF2 pieces of each font, loaded by the characters a page uses. */\n'
  return {css: `${header}${rules.join('\n\n')}\n`, files}
}

function webFontKey(family: WebFontFamily, suffix: string, fontHash: string): string {
  return `web font 1\0${family}${suffix}\0${fontHash}`
}

function makeWebFont(bytes: Uint8Array, codePoints: readonly number[]): Uint8Array {
  return toWoff2(subsetForWeb(bytes, [...codePoints, 0x20]))
}

/**
 * Web fonts of the fonts pressroom ships, made once when pressroom is
 * built (`npm run build`), so that a first build does not spend seconds
 * compressing them: `dist/web-fonts/`, named by the hash of what each is
 * made from.
 */
export const shippedWebFontsDir = path.join(packageRoot, 'dist', 'web-fonts')

/** The file in `dist/web-fonts/` of what is made under `key` (the memo's key). */
export function shippedFontName(key: string, extension: 'woff' | 'woff2'): string {
  return `${createHash('sha256').update(key).digest('hex').slice(0, 32)}.${extension}`
}

/** What `dist/web-fonts/` holds under `key`, or null. */
export function shippedFont(key: string, extension: 'woff' | 'woff2'): Uint8Array | null {
  try {
    return readFileSync(path.join(shippedWebFontsDir, shippedFontName(key, extension)))
  } catch {
    return null
  }
}

/** The web fonts of one font file, as `renderWebFonts` makes them: file names in `dist/web-fonts/` and their bytes. */
export function webFontsOf(family: WebFontFamily, bytes: Uint8Array): Array<{name: string; make: () => Uint8Array}> {
  const hash = createHash('sha256').update(bytes).digest('hex')
  return pieces[family].map(({suffix, codePoints}) => ({name: shippedFontName(webFontKey(family, suffix, hash), 'woff2'), make: () => makeWebFont(bytes, codePoints)}))
}

function uniqueName(taken: Set<string>, wanted: string): string {
  let name = wanted || 'font'
  for (let i = 2; taken.has(name); i++) name = `${wanted}-${i}`
  taken.add(name)
  return name
}
