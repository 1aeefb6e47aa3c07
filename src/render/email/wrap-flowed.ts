/**
 * Wraps plain text as `format=flowed; delsp=yes` (RFC 3676), so that the
 * text part reads well in any client and a flowed-aware one gets the
 * paragraphs back exactly as written.
 *
 * Khmer puts no space between words, so a line may end between two words
 * with nothing to mark the break. With DelSp=yes every soft break is one
 * added space that the reader deletes again (§4.2): a break at a space keeps
 * that space and adds one, a break between two Khmer words adds only the
 * one. Break points come from the text engine (UAX #14, ICU's Khmer
 * dictionary, never inside a grapheme cluster, never before ។ or a closing
 * quote).
 */
import {breakOpportunities, type BreakOpportunity} from '../../text/breaks.js'
import {graphemeBoundaries} from '../../text/graphemes.js'

export interface WrapOptions {
  /**
   * Longest line in columns, quote markers included: a grapheme cluster is
   * one column, a Khmer one two (see clusterColumns). RFC 3676 §4.2 asks for
   * at most 78; 72 reads well.
   */
  width?: number
  /** Quote depth: each line starts with this many `>` and a space (§4.5). */
  quoteDepth?: number
}

/**
 * The flowed lines of one paragraph (`text` holds no line break). Each line
 * but the last ends in the soft-break space; the last has none, so it ends
 * the paragraph. A line longer than the width is left whole when it holds
 * no break opportunity (a long URL).
 */
export function wrapFlowed(text: string, options: WrapOptions = {}): string[] {
  const width = options.width ?? 72
  const depth = options.quoteDepth ?? 0
  const prefix = depth > 0 ? `${'>'.repeat(depth)} ` : ''
  // Trailing spaces would turn the paragraph's hard end into a soft break (§4.2).
  const content = text.replace(/ +$/u, '')
  if (/[\r\n]/u.test(content)) throw new Error('wrapFlowed takes one paragraph; split it at line breaks first')
  if (content === '') return [prefix.trimEnd()]

  // Columns before each UTF-16 offset, so a line's width is one subtraction.
  const columnsBefore = new Float64Array(content.length + 1)
  const {boundaries, breaks: opportunities} = segmentParagraph(content)
  for (let i = 0; i + 1 < boundaries.length; i++) {
    const start = boundaries[i]!
    const end = boundaries[i + 1]!
    const columns = columnsBefore[start]! + clusterColumns(content.charCodeAt(start))
    for (let offset = start + 1; offset <= end; offset++) columnsBefore[offset] = columns
  }
  const widthOf = (start: number, end: number) => columnsBefore[end]! - columnsBefore[start]!
  const available = Math.max(1, width - prefix.length)

  // Not inside a URL either: a client that ignores format=flowed would show it cut in two.
  const urls = [...content.matchAll(/(?:\b[a-z][a-z0-9+.-]*:\/\/|\bmailto:|\bwww\.)[^\s<>]+/giu)].map((m) => [m.index, m.index + m[0].length] as const)
  let url = 0
  const breaks = opportunities.filter(({offsetUtf16: offset}) => {
    // Both lists are in order: one pass.
    while (url < urls.length && urls[url]![1] <= offset) url++
    const insideUrl = url < urls.length && offset > urls[url]![0] && offset < urls[url]![1]
    return offset < content.length && startsSafely(content, offset) && !insideUrl
  })

  // The stuffing space of the first line takes a column too.
  const stuffed = prefix === '' && /^(?: |>|From )/u.test(content)
  const lines: string[] = []
  let start = 0
  let next = 0
  while (start < content.length) {
    while (next < breaks.length && breaks[next]!.offsetUtf16 <= start) next++
    const room = available - (stuffed && lines.length === 0 ? 1 : 0)
    // The rest fits: the last line.
    if (widthOf(start, content.length) <= room || next === breaks.length) {
      lines.push(stuff(prefix, content.slice(start), lines.length === 0))
      break
    }
    // The last opportunity whose line (without its trailing spaces) fits, else the first one.
    let chosen = breaks[next]!.offsetUtf16
    for (let i = next; i < breaks.length; i++) {
      const end = breaks[i]!.offsetUtf16
      if (widthOf(start, trimSpacesEnd(content, start, end)) > room) break
      chosen = end
    }
    lines.push(`${stuff(prefix, content.slice(start, chosen), lines.length === 0)} `)
    start = chosen
  }
  return lines
}

/** Longest piece of a paragraph given to the text engine at once (see segmentParagraph). */
const pieceLength = 2048

/**
 * Grapheme boundaries and break opportunities of a paragraph, found piece
 * by piece. Intl.Segmenter, under both, takes time that grows with the
 * square of the text's length (a 200 KB paragraph took minutes), so a long
 * paragraph is cut where both are certain and nothing is lost: after a
 * space or a zero-width space, before a letter (UAX #29 GB999, UAX #14
 * LB18/LB8). A stretch with no such place stays whole.
 */
export function segmentParagraph(text: string, maxPiece = pieceLength): {boundaries: number[]; breaks: BreakOpportunity[]} {
  const boundaries: number[] = []
  const breaks: BreakOpportunity[] = []
  let start = 0
  while (start < text.length) {
    const end = pieceEnd(text, start, maxPiece)
    const piece = text.slice(start, end)
    for (const boundary of graphemeBoundaries(piece)) if (boundary < piece.length) boundaries.push(start + boundary)
    for (const opportunity of breakOpportunities(piece)) breaks.push({...opportunity, offsetUtf16: start + opportunity.offsetUtf16})
    start = end
  }
  boundaries.push(text.length)
  return {boundaries, breaks}
}

/**
 * The end of the piece that starts at `start`: the first safe cut at or
 * after `start + maxPiece`, else the end of the text. Safe: spaces or
 * zero-width spaces with a letter after them and, before them, a letter, a
 * digit or sentence punctuation with its marks (a bracket or quote there may
 * hold the words together across the spaces, UAX #14 LB9, LB14–LB17).
 */
function pieceEnd(text: string, start: number, maxPiece: number): number {
  let lastNonSpace = -1
  for (let i = start; i < text.length; i++) {
    const code = text.charCodeAt(i)
    const space = code === 0x20 || code === 0x200b
    if (!space && i >= start + maxPiece && lastNonSpace >= start && lastNonSpace < i - 1 && isLetter(code) && endsPlainly(text, start, lastNonSpace)) return i
    if (!space) lastNonSpace = i
  }
  return text.length
}

/** Whether the character at `at`, after any marks it carries, is a letter, a digit or sentence punctuation. */
function endsPlainly(text: string, start: number, at: number): boolean {
  let base = at
  while (base > start && mark.test(text[base]!)) base--
  return isLetter(text.charCodeAt(base)) || plainPunctuation.test(text[base]!)
}

const mark = /^[\p{M}\u17B4-\u17D3\u17DD]$/u
const plainPunctuation = /^[.,;:!?\u17D4\u17D5]$/u

/** ASCII letters and digits, Khmer consonants and independent vowels: none joins what stands before it. */
function isLetter(code: number): boolean {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a) || (code >= 0x1780 && code <= 0x17b3)
}

/**
 * Mail clients show text/plain in a proportional font, where a Khmer
 * cluster is about twice as wide as a Latin letter (Noto Sans Khmer's
 * consonants advance about 1 em); counting it twice keeps Khmer lines
 * about as long on screen as English ones.
 */
function clusterColumns(firstCodeUnit: number): number {
  return (firstCodeUnit >= 0x1780 && firstCodeUnit <= 0x17ff) || (firstCodeUnit >= 0x19e0 && firstCodeUnit <= 0x19ff) ? 2 : 1
}

/**
 * A continuation line may not need space-stuffing: RFC 3676 §4.5 has the
 * reader unstuff every line, but decoders differ on continuation lines of
 * DelSp=yes text, so such breaks are simply not taken.
 */
function startsSafely(text: string, offset: number): boolean {
  return !/^(?: |>|From )/u.test(text.slice(offset, offset + 5))
}

/** Space-stuffing (§4.4) of a paragraph's first line. */
function stuff(prefix: string, line: string, first: boolean): string {
  return prefix + (first && prefix === '' && /^(?: |>|From )/u.test(line) ? ` ${line}` : line)
}

function trimSpacesEnd(text: string, start: number, end: number): number {
  while (end > start && text.charCodeAt(end - 1) === 0x20) end--
  return end
}
