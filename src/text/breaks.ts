/**
 * Where a line may end. Three sources, then one set of vetoes:
 * - UAX #14 (the `linebreak` package) for everything: spaces, hyphens,
 *   ZWSP, mandatory breaks. It treats Khmer (class SA) as one long word.
 * - Khmer has no spaces between words, so inside Khmer text the word
 *   boundaries of ICU's dictionary (`Intl.Segmenter('km')`) are added,
 *   found on the text in the standard storage order (a word typed in a
 *   legacy order is not in the dictionary) and mapped back to the text as
 *   typed, which is what gets drawn.
 * - The package implements UAX #14 for Unicode 13, whose LB15 forbids a
 *   break in `’ (` (QU SP* × OP) even when the quote closes; Unicode 15.1
 *   (LB15a/LB15b) allows it after a final quote, so such spaces are added.
 * - Vetoes: never inside a grapheme cluster (a coeng stack stays whole),
 *   never before ។ ៕ ៖ ៗ, closing brackets and quotes, or , . : ; ! ?, and
 *   never after an opening bracket or quote. UAX #14 allows a break between
 *   a space and ។ (SP ÷ BA), which would start a line with a khan.
 * Numbers such as `US$1,000,000` and `១,០០០,០០០` hold no opportunity: UAX
 * #14 keeps PR, NU and IS together, and the segmenter is only consulted
 * between two Khmer letters.
 */
import LineBreaker from 'linebreak'
import {normalizeCluster, scanClusters} from '../khmer/cluster.js'
import {graphemeBoundaries} from './graphemes.js'
import {rememberLast} from './memo.js'
import {afterSpace, segmentStarts} from './segments.js'

export type BreakKind = 'space' | 'word' | 'other'

export interface BreakOpportunity {
  /** Where the next line would start; the line before it ends here. */
  offsetUtf16: number
  /** A mandatory break (after a line feed, U+2028...). */
  required: boolean
  /** 'space': after white space; 'word': a Khmer word boundary or ZWSP; 'other': elsewhere (after a hyphen...). */
  kind: BreakKind
}

const khmerWords = new Intl.Segmenter('km', {granularity: 'word'})

const noBreakBefore = /^[\p{Pe}\p{Pf}\u17D4-\u17D7,.:;!?]$/u
const noBreakAfter = /^[\p{Ps}\p{Pi}]$/u
const whiteSpace = /^\s$/u
const ZWSP = 0x200b

/** Break opportunities in `text`, in order; the last one is always at `text.length` (for non-empty text). */
export const breakOpportunities: (text: string) => ReadonlyArray<Readonly<BreakOpportunity>> = rememberLast(opportunitiesOf)

function opportunitiesOf(text: string): BreakOpportunity[] {
  if (text.length === 0) return []
  const found = new Map<number, boolean>()
  const breaker = new LineBreaker(text)
  for (let bk = breaker.nextBreak(); bk; bk = breaker.nextBreak()) found.set(bk.position, bk.required)

  for (const match of text.matchAll(/\p{Pf} +(?=\S)/gu)) {
    const offset = match.index + match[0].length
    if (!found.has(offset)) found.set(offset, false)
  }

  const words = new Set<number>()
  if (/[\u1780-\u17DD]/u.test(text)) {
    for (const index of khmerWordStarts(text)) {
      if (index > 0 && isKhmerLetter(text.charCodeAt(index - 1)) && isKhmerLetter(text.charCodeAt(index))) {
        words.add(index)
        if (!found.has(index)) found.set(index, false)
      }
    }
  }

  const clusterStarts = new Set(graphemeBoundaries(text))
  const opportunities: BreakOpportunity[] = []
  for (const [offset, required] of found) {
    if (offset <= 0) continue
    if (offset < text.length && !required) {
      if (!clusterStarts.has(offset)) continue
      if (noBreakBefore.test(charAt(text, offset)) || noBreakAfter.test(charBefore(text, offset))) continue
    }
    const before = text.charCodeAt(offset - 1)
    const kind: BreakKind =
      before === ZWSP || words.has(offset) ? 'word' : whiteSpace.test(charBefore(text, offset)) ? 'space' : 'other'
    opportunities.push({offsetUtf16: offset, required, kind})
  }
  opportunities.sort((a, b) => a.offsetUtf16 - b.offsetUtf16)
  return opportunities
}

/**
 * Word starts of ICU's Khmer dictionary, found on the text in the standard
 * storage order (khmer-order's: coeng-Ro last, vowels after subscripts,
 * split vowels composed) and mapped back to offsets in the text as typed.
 * The dictionary only knows the standard spelling, so a word typed in a
 * legacy order (`សាស្រ្ត`, `បេ្តជ្ញា`) would otherwise be cut inside.
 * Reordering stays inside a cluster, so every cluster start maps back.
 */
function khmerWordStarts(text: string): number[] {
  const pieces: string[] = []
  // Pairs of (offset in the standard text, offset in the text as typed) where a reordered cluster starts or ends.
  const anchors: Array<[number, number]> = []
  let typedAt = 0
  let standardAt = 0
  for (const cluster of scanClusters(text).clusters) {
    if (cluster.kind !== 'syllable') continue
    const normal = normalizeCluster(cluster.text)
    if (normal === cluster.text) continue
    pieces.push(text.slice(typedAt, cluster.start), normal)
    standardAt += cluster.start - typedAt
    anchors.push([standardAt, cluster.start])
    standardAt += normal.length
    anchors.push([standardAt, cluster.end])
    typedAt = cluster.end
  }
  if (anchors.length === 0) return segmentStarts(text, khmerWords, afterSpace)
  pieces.push(text.slice(typedAt))
  const standard = pieces.join('')
  const starts: number[] = []
  let anchor = 0
  for (const offset of segmentStarts(standard, khmerWords, afterSpace)) {
    while (anchor < anchors.length && anchors[anchor]![0] <= offset) anchor++
    // The last anchor at or before the offset: a start inside a reordered cluster (odd anchor count) has no place in the typed text.
    if (anchor % 2 === 1 && anchors[anchor - 1]![0] !== offset) continue
    const [standardBase, typedBase] = anchor === 0 ? [0, 0] : anchors[anchor - 1]!
    starts.push(typedBase + offset - standardBase)
  }
  return starts
}

/** Khmer letters and signs, LB=SA in UAX #14 (digits and punctuation are not). */
function isKhmerLetter(code: number): boolean {
  return (code >= 0x1780 && code <= 0x17d3) || code === 0x17d7 || code === 0x17dc || code === 0x17dd
}

function charAt(text: string, offset: number): string {
  return String.fromCodePoint(text.codePointAt(offset)!)
}

function charBefore(text: string, offset: number): string {
  const low = text.charCodeAt(offset - 1)
  if (low >= 0xdc00 && low <= 0xdfff && offset >= 2) return text.slice(offset - 2, offset)
  return text.slice(offset - 1, offset)
}

/** `end` less trailing white space (ZWSP included): those hang past the measure. */
export function visibleEnd(text: string, start: number, end: number): number {
  while (end > start && isTrailingSpace(text.charCodeAt(end - 1))) end--
  return end
}

function isTrailingSpace(code: number): boolean {
  // Not U+00A0, U+2007, U+202F: no-break spaces are never trailing.
  return (
    code === 0x20 ||
    (code >= 0x09 && code <= 0x0d) ||
    code === 0x85 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200b && code !== 0x2007) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x205f ||
    code === 0x3000
  )
}
