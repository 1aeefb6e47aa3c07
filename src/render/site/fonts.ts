import {createHash} from 'node:crypto'
import path from 'node:path'
import type {FontRole} from '../../config/model.js'
import type {Config} from '../../config/model.js'
import type {Memo} from '../../build/renderer.js'

/**
 * The site's web fonts: two families built from the fonts in
 * `pressroom.yaml`, the head of the Khmer chain ("Pressroom Khmer") and of
 * the English chain ("Pressroom Latin"), per role. Each is a WOFF2 subset
 * holding only what the site's pages use, so a reader downloads tens of
 * kilobytes, not the whole font.
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

/** Code points the Khmer family serves; everything else falls to the Latin family. */
export const khmerUnicodeRange = 'U+1780-17FF, U+19E0-19FF, U+200B-200D, U+25CC'

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

function isKhmer(codePoint: number): boolean {
  return (codePoint >= 0x1780 && codePoint <= 0x17ff) || (codePoint >= 0x19e0 && codePoint <= 0x19ff)
}

// HarfBuzz (in the browser too) splits the vowels U+17BE–U+17C0, U+17C4 and
// U+17C5 into U+17C1 plus the vowel, so a subset by code point must keep
// U+17C1 (google/fonts#2388). The dotted circle is drawn for broken clusters.
const splitVowels = /[\u17BE-\u17C0\u17C4\u17C5]/u

/** What the Khmer face must hold to draw the Khmer of `text`. */
export function khmerSubsetText(text: string): string {
  const chars = new Set<string>()
  for (const char of text) if (isKhmer(char.codePointAt(0)!)) chars.add(char)
  if (chars.size === 0) return ''
  if (splitVowels.test(text)) chars.add('\u17C1')
  for (const char of '\u25CC\u200B\u200C\u200D ') chars.add(char)
  return [...chars].sort().join('')
}

// Printable ASCII and common typographic marks are always kept, so that a
// restyled template or stylesheet (`content: "–"`) still finds them.
const latinBase = `${Array.from({length: 0x7f - 0x20}, (_, i) => String.fromCharCode(0x20 + i)).join('')}\u00A0…–—‘’“”«»•·€£¥©®°§`

/** What the Latin face must hold: every character of `text` that is not Khmer. */
export function latinSubsetText(text: string): string {
  const chars = new Set<string>(latinBase)
  for (const char of text) {
    const codePoint = char.codePointAt(0)!
    if (!isKhmer(codePoint) && codePoint >= 0x20) chars.add(char)
  }
  return [...chars].sort().join('')
}

export interface WebFonts {
  /** `@font-face` rules, with URLs relative to the stylesheet. */
  css: string
  /** WOFF2 files by name, to put in the stylesheet's `fonts/` folder. */
  files: Array<{name: string; data: Uint8Array}>
}

/**
 * Subsets each font once (faces sharing a file share the subset) for the
 * characters of `text`: every page of the site and its stylesheet.
 */
export async function renderWebFonts(
  faces: readonly LoadedWebFontFace[],
  text: string,
  memo: Memo = (_, make) => make()
): Promise<WebFonts> {
  const khmerText = khmerSubsetText(text)
  const latinText = latinSubsetText(text)
  const bySource = new Map<string, {name: string; data: Promise<Uint8Array>}>()
  const names = new Set<string>()
  const rules: string[] = []
  for (const face of faces) {
    const subsetText = face.family === 'Pressroom Khmer' ? khmerText : latinText
    if (subsetText === '') continue
    const key = `${face.family}\0${face.source}`
    let subset = bySource.get(key)
    if (!subset) {
      const name = uniqueName(names, path.basename(face.source).replace(/\.[^.]+$/, '').replace(/[^A-Za-z0-9_-]/g, '-'))
      const bytes = Buffer.from(face.bytes)
      const memoKey = `woff2\0${createHash('sha256').update(bytes).digest('hex')}\0${subsetText}`
      subset = {
        name: `${name}.woff2`,
        // Loaded only when a subset is not in the memo: the WOFF2 encoder is large.
        data: memo(memoKey, async () => {
          const {default: subsetFont} = await import('subset-font')
          return new Uint8Array(await subsetFont(bytes, subsetText, {targetFormat: 'woff2'}))
        })
      }
      bySource.set(key, subset)
    }
    const {weight, style} = roleStyle[face.role]
    rules.push(
      [
        '@font-face {',
        `  font-family: "${face.family}";`,
        `  src: url("fonts/${subset.name}") format("woff2");`,
        `  font-weight: ${weight};`,
        `  font-style: ${style};`,
        '  font-display: swap;',
        ...(face.family === 'Pressroom Khmer' ? [`  unicode-range: ${khmerUnicodeRange};`] : []),
        '}'
      ].join('\n')
    )
  }
  const files = await Promise.all([...bySource.values()].map(async ({name, data}) => ({name, data: new Uint8Array(await data)})))
  const header = '/* Written by pressroom from the fonts in pressroom.yaml: WOFF2 subsets holding what the pages use. */\n'
  return {css: `${header}${rules.join('\n\n')}\n`, files}
}

function uniqueName(taken: Set<string>, wanted: string): string {
  let name = wanted || 'font'
  for (let i = 2; taken.has(name); i++) name = `${wanted}-${i}`
  taken.add(name)
  return name
}
