/**
 * Itemization: split a paragraph into runs that HarfBuzz can shape in one
 * go, each with one script, one font, one language and one direction.
 *
 * Scripts come from the Unicode Script property, decided per grapheme
 * cluster so a Khmer stack never straddles two runs. Common characters
 * (digits, spaces, punctuation, ZWSP) join their neighbours as in UAX #24:
 * with the preceding run, except opening brackets, opening quotes and
 * currency signs right before a change of script, which belong with what
 * they open ("(ILO)" inside Khmer is all Latin).
 *
 * Fonts come from an ordered fallback chain. Each script run picks the
 * first font that covers its first letter; a cluster that font lacks falls
 * back along the chain; a common character stays in the font of the
 * cluster before it when it can, so "1,000" does not flip between faces at
 * each comma. A character no font covers is reported as `missing-glyph`;
 * HarfBuzz would draw .notdef there, and shaping drops those glyphs.
 */
import type {LoadedFont} from './fonts.js'
import {graphemeBoundaries} from './graphemes.js'

export interface TextRun {
  startUtf16: number
  endUtf16: number
  font: LoadedFont
  /** ISO 15924 tag for HarfBuzz; 'Zyyy' (only common characters) or 'Zzzz' (unlisted script) let HarfBuzz guess. */
  script: string
  /** BCP 47 tag for HarfBuzz. */
  language: string
  direction: 'ltr' | 'rtl'
}

export interface MissingGlyph {
  ruleId: 'missing-glyph'
  offsetUtf16: number
  codePoint: number
  message: string
}

export type TextDiagnostic = MissingGlyph

export interface Itemization {
  runs: TextRun[]
  diagnostics: TextDiagnostic[]
}

export interface ItemizeOptions {
  /**
   * Language of the paragraph (BCP 47, default 'en'). Khmer runs are
   * always 'km'; other runs get this language unless it is 'km', in which
   * case they get 'und' (a Latin word in Khmer text is not Khmer).
   */
  language?: string
}

const COMMON = ''

interface Cluster {
  start: number
  end: number
  /** Script tag, or COMMON before resolution. */
  script: string
  strong: boolean
  codePoints: number[]
}

/** Split `text` into runs by script and font coverage along `chain`. */
export function itemize(text: string, chain: readonly LoadedFont[], options: ItemizeOptions = {}): Itemization {
  if (chain.length === 0) throw new TypeError('itemize: the font chain is empty')
  const paragraphLanguage = options.language ?? 'en'
  const clusters = toClusters(text)
  resolveCommonScripts(clusters, text)

  const diagnostics: TextDiagnostic[] = []
  const runs: TextRun[] = []
  let current: (TextRun & {strong: boolean}) | undefined
  let primary: LoadedFont | undefined
  let previousFont: LoadedFont | undefined
  let previousScript: string | undefined

  for (const [index, cluster] of clusters.entries()) {
    if (cluster.script !== previousScript) {
      primary = pickPrimary(clusters, index, chain)
      previousFont = undefined
      previousScript = cluster.script
    }
    const font = pickFont(cluster, primary!, previousFont, chain, diagnostics)
    previousFont = font
    if (current && current.font === font && current.script === cluster.script) {
      current.endUtf16 = cluster.end
      current.strong ||= cluster.strong
      continue
    }
    if (current) runs.push(finishRun(current))
    current = {
      startUtf16: cluster.start,
      endUtf16: cluster.end,
      font,
      script: cluster.script,
      language: cluster.script === 'Khmr' ? 'km' : paragraphLanguage === 'km' ? 'und' : paragraphLanguage,
      direction: 'ltr',
      strong: cluster.strong
    }
  }
  if (current) runs.push(finishRun(current))
  return {runs, diagnostics}
}

function finishRun(run: TextRun & {strong: boolean}): TextRun {
  const {strong, ...rest} = run
  // A run of digits and punctuation alone keeps no script of its own: a
  // Khmr tag on "1,000" set in a Latin face would select the Khmer shaper.
  return strong ? rest : {...rest, script: 'Zyyy'}
}

function toClusters(text: string): Cluster[] {
  const boundaries = graphemeBoundaries(text)
  const clusters: Cluster[] = []
  for (let i = 0; i + 1 < boundaries.length; i++) {
    const start = boundaries[i]!
    const end = boundaries[i + 1]!
    const codePoints: number[] = []
    let script = COMMON
    for (let offset = start; offset < end; ) {
      const codePoint = text.codePointAt(offset)!
      codePoints.push(codePoint)
      if (script === COMMON) script = scriptOf(codePoint)
      offset += codePoint > 0xffff ? 2 : 1
    }
    clusters.push({start, end, script, strong: script !== COMMON, codePoints})
  }
  return clusters
}

function resolveCommonScripts(clusters: Cluster[], text: string): void {
  let i = 0
  while (i < clusters.length) {
    if (clusters[i]!.script !== COMMON) {
      i++
      continue
    }
    let j = i
    while (j < clusters.length && clusters[j]!.script === COMMON) j++
    const before = i > 0 ? clusters[i - 1]!.script : undefined
    const after = j < clusters.length ? clusters[j]!.script : undefined
    let split = j
    if (before !== undefined && after !== undefined && before !== after) {
      while (split > i && opensWhatFollows(text.codePointAt(clusters[split - 1]!.start)!)) split--
    }
    for (let k = i; k < j; k++) clusters[k]!.script = (k < split ? before : after) ?? after ?? before ?? 'Zyyy'
    i = j
  }
}

function pickPrimary(clusters: Cluster[], index: number, chain: readonly LoadedFont[]): LoadedFont {
  const script = clusters[index]!.script
  let probe = clusters[index]!
  for (let k = index; k < clusters.length && clusters[k]!.script === script; k++) {
    if (clusters[k]!.strong) {
      probe = clusters[k]!
      break
    }
  }
  return chain.find((font) => coversCluster(font, probe.codePoints)) ?? chain[0]!
}

function pickFont(
  cluster: Cluster,
  primary: LoadedFont,
  previous: LoadedFont | undefined,
  chain: readonly LoadedFont[],
  diagnostics: TextDiagnostic[]
): LoadedFont {
  if (!cluster.strong && previous && coversCluster(previous, cluster.codePoints)) return previous
  if (coversCluster(primary, cluster.codePoints)) return primary
  const fallback = chain.find((font) => coversCluster(font, cluster.codePoints))
  if (fallback) return fallback
  let offset = cluster.start
  for (const codePoint of cluster.codePoints) {
    if (!chain.some((font) => coversCodePoint(font, codePoint))) {
      diagnostics.push(missingGlyph(offset, codePoint))
    }
    offset += codePoint > 0xffff ? 2 : 1
  }
  // Keep the run in the font it would have had; the uncovered glyphs are
  // dropped after shaping and the caller reports the diagnostic.
  return previous ?? primary
}

function missingGlyph(offsetUtf16: number, codePoint: number): MissingGlyph {
  return {ruleId: 'missing-glyph', offsetUtf16, codePoint, message: missingGlyphReason(codePoint)}
}

/** What to tell the writer about a character no font has. */
export function missingGlyphReason(codePoint: number): string {
  const hex = codePoint.toString(16).toUpperCase().padStart(4, '0')
  const shown = /\p{C}/u.test(String.fromCodePoint(codePoint)) ? '' : ` "${String.fromCodePoint(codePoint)}"`
  return `No font covers U+${hex}${shown}; add a font that has it to the font chain, or remove the character`
}

function coversCluster(font: LoadedFont, codePoints: readonly number[]): boolean {
  for (const codePoint of codePoints) if (!coversCodePoint(font, codePoint)) return false
  return true
}

/**
 * HarfBuzz draws no glyph for default ignorables (ZWJ, ZWNJ, ZWSP...),
 * substitutes U+0020 for other spaces the font lacks, and line separators
 * end the line; none of these needs a glyph of its own.
 */
export function coversCodePoint(font: LoadedFont, codePoint: number): boolean {
  if (font.covers(codePoint)) return true
  if (lineSeparators.has(codePoint)) return true
  const char = String.fromCodePoint(codePoint)
  if (defaultIgnorable.test(char)) return true
  return spaceSeparator.test(char) && font.covers(0x20)
}

const lineSeparators = new Set([0x0a, 0x0b, 0x0c, 0x0d, 0x85, 0x2028, 0x2029])
const defaultIgnorable = /^\p{Default_Ignorable_Code_Point}$/u
const spaceSeparator = /^\p{Zs}$/u
const commonOrInherited = /^[\p{Script=Common}\p{Script=Inherited}]$/u
const opening = /^[\p{Ps}\p{Pi}\p{Sc}]$/u

const knownScripts: Array<[string, RegExp]> = [
  ['Latn', /^\p{Script=Latin}$/u],
  ['Khmr', /^\p{Script=Khmer}$/u],
  ['Grek', /^\p{Script=Greek}$/u],
  ['Cyrl', /^\p{Script=Cyrillic}$/u],
  ['Thai', /^\p{Script=Thai}$/u],
  ['Laoo', /^\p{Script=Lao}$/u],
  ['Mymr', /^\p{Script=Myanmar}$/u],
  ['Hani', /^\p{Script=Han}$/u],
  ['Hira', /^\p{Script=Hiragana}$/u],
  ['Kana', /^\p{Script=Katakana}$/u],
  ['Hang', /^\p{Script=Hangul}$/u],
  ['Deva', /^\p{Script=Devanagari}$/u],
  ['Arab', /^\p{Script=Arabic}$/u],
  ['Hebr', /^\p{Script=Hebrew}$/u]
]

function opensWhatFollows(codePoint: number): boolean {
  return opening.test(String.fromCodePoint(codePoint))
}

/** ISO 15924 tag of a code point, or COMMON for Common and Inherited. */
function scriptOf(codePoint: number): string {
  // Fast paths for the two scripts pressroom sets all day.
  if (codePoint < 0x80) return (codePoint | 0x20) >= 0x61 && (codePoint | 0x20) <= 0x7a ? 'Latn' : COMMON
  if ((codePoint >= 0x1780 && codePoint <= 0x17ff) || (codePoint >= 0x19e0 && codePoint <= 0x19ff)) return 'Khmr'
  const char = String.fromCodePoint(codePoint)
  if (commonOrInherited.test(char)) return COMMON
  for (const [tag, pattern] of knownScripts) if (pattern.test(char)) return tag
  return 'Zzzz'
}
