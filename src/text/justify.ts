/**
 * Justification as a Khmer typesetter does it: widen the gaps a reader
 * already sees as gaps, never track letters.
 *
 * A line's slack goes to its stretch points in this order, each up to a
 * cap per point:
 *   1. spaces, up to SPACE_COMFORT_EM;
 *   2. word boundaries inside Khmer runs (the segmenter's, and ZWSP), up
 *      to WORD_MAX_EM: an invisible boundary may open a little, never as
 *      much as a space (Noto Sans Khmer's space is 0.26 em), or the line
 *      would read as phrases that are not there;
 *   3. spaces again, up to SPACE_MAX_EM;
 *   4. boundaries between clusters inside a Khmer word, up to
 *      CLUSTER_MAX_EM, as a last resort.
 * Nothing is ever added inside a Latin word or a number, nor before or
 * after punctuation other than a space. A line whose slack is more than
 * all the caps together is left ragged, at its natural spacing.
 */
import type {BreakOpportunity} from './breaks.js'
import {graphemeBoundaries} from './graphemes.js'
import type {Line, LineStretch} from './line.js'

/** A space may first grow by this much (a space of 0.26 em becomes 0.43 em). */
export const SPACE_COMFORT_EM = 0.17
/** Under 0.4 of a space (1.1 pt at 11 pt): the word boundary does not read as a phrase space. */
export const WORD_MAX_EM = 0.1
/** The most a space grows: 0.76 em in all, wide but still one gap between words or phrases. */
export const SPACE_MAX_EM = 0.5
/**
 * 0.03 em (0.33 pt at 11 pt) between clusters. Noto Sans Khmer's own side
 * bearings differ by more than that from one letter to the next, so this
 * much extra is lost in the letters' rhythm; the distributed justification
 * it replaces gave a median of 0.36 pt and up to 1.02 pt per cluster, which
 * readers saw as letter-spaced lines.
 */
export const CLUSTER_MAX_EM = 0.03

export type StretchKind = 'space' | 'word' | 'cluster'

/** The stretch points of a paragraph, by offset: where the text after the gap starts. */
export class StretchPoints {
  /** Per offset, the kind of gap before it, or undefined. */
  private readonly kinds: Array<StretchKind | undefined>
  /** Prefix counts: counts[kind][o] = number of points of that kind at offsets ≤ o. */
  private readonly counts: Record<StretchKind, Uint32Array>

  constructor(text: string, opportunities: readonly BreakOpportunity[]) {
    const n = text.length
    this.kinds = new Array<StretchKind | undefined>(n + 1)
    for (let o = 1; o < n; o++) if (isSpace(text.charCodeAt(o - 1)) && !isSpace(text.charCodeAt(o))) this.kinds[o] = 'space'
    for (const opportunity of opportunities) {
      const o = opportunity.offsetUtf16
      if (opportunity.kind === 'word' && o < n && this.kinds[o] === undefined && isKhmerLetter(text.charCodeAt(o))) this.kinds[o] = 'word'
    }
    for (const o of graphemeBoundaries(text)) {
      if (o > 0 && o < n && this.kinds[o] === undefined && isKhmerLetter(text.charCodeAt(o - 1)) && isKhmerLetter(text.charCodeAt(o))) {
        this.kinds[o] = 'cluster'
      }
    }
    const prefix = () => new Uint32Array(n + 1)
    this.counts = {space: prefix(), word: prefix(), cluster: prefix()}
    for (let o = 0; o <= n; o++) {
      for (const kind of ['space', 'word', 'cluster'] as const) this.counts[kind][o] = (o > 0 ? this.counts[kind][o - 1]! : 0) + (this.kinds[o] === kind ? 1 : 0)
    }
  }

  /** Points strictly inside the visible text of a line from `start` to `visibleEnd`. */
  count(kind: StretchKind, start: number, visibleEnd: number): number {
    return visibleEnd - 1 > start ? this.counts[kind][visibleEnd - 1]! - this.counts[kind][start]! : 0
  }

  kindAt(offset: number): StretchKind | undefined {
    return this.kinds[offset]
  }

  /**
   * How the slack of a line would be shared out, or null when it is more
   * than the caps allow (the line stays ragged).
   */
  share(start: number, visibleEnd: number, slackPt: number, fontSizePt: number): LineStretch | null {
    const spaces = this.count('space', start, visibleEnd)
    const words = this.count('word', start, visibleEnd)
    const clusters = this.count('cluster', start, visibleEnd)
    return shareSlack(slackPt, {spaces, words, clusters}, fontSizePt)
  }
}

/** Shares `slackPt` along the ladder of caps; null when it does not all fit. */
export function shareSlack(slackPt: number, points: {spaces: number; words: number; clusters: number}, fontSizePt: number): LineStretch | null {
  const stretch: LineStretch = {spacePt: 0, wordPt: 0, clusterPt: 0}
  let left = Math.max(0, slackPt)
  const take = (count: number, capPt: number): number => {
    if (count === 0 || left <= 0) return 0
    const each = Math.min(capPt, left / count)
    left -= each * count
    return each
  }
  stretch.spacePt += take(points.spaces, SPACE_COMFORT_EM * fontSizePt)
  stretch.wordPt += take(points.words, WORD_MAX_EM * fontSizePt)
  stretch.spacePt += take(points.spaces, (SPACE_MAX_EM - SPACE_COMFORT_EM) * fontSizePt)
  stretch.clusterPt += take(points.clusters, CLUSTER_MAX_EM * fontSizePt)
  // Rounding slack, far below anything visible.
  return left > 1e-6 ? null : stretch
}

/** Widen the line's stretch points to fill `widthPt`; false (the line untouched) when the caps do not allow it. */
export function justifyLine(line: Line, points: StretchPoints, widthPt: number, fontSizePt: number): boolean {
  const slackPt = widthPt - line.widthPt
  if (slackPt <= 1e-6) return false
  const stretch = points.share(line.startUtf16, line.visibleEndUtf16, slackPt, fontSizePt)
  if (!stretch) return false
  const extra = {space: stretch.spacePt, word: stretch.wordPt, cluster: stretch.clusterPt}
  // The shift of every offset of the line: the extra of the points at or before it.
  const shifts = new Float64Array(line.endUtf16 - line.startUtf16 + 1)
  let shift = 0
  for (let o = line.startUtf16; o <= line.endUtf16; o++) {
    const kind = o > line.startUtf16 && o < line.visibleEndUtf16 ? points.kindAt(o) : undefined
    if (kind) shift += extra[kind]
    shifts[o - line.startUtf16] = shift
  }
  const shiftAt = (offset: number) => shifts[Math.min(Math.max(offset, line.startUtf16), line.endUtf16) - line.startUtf16]!
  for (const run of line.runs) {
    const startShift = shiftAt(run.startUtf16)
    for (const glyph of run.glyphs) glyph.xPt += shiftAt(glyph.clusterUtf16)
    run.xPt += startShift
    // A point at the run's end widens the gap after its last glyph (a space): the next run starts that much later.
    run.advancePt += shiftAt(run.endUtf16) - startShift
  }
  line.widthPt = widthPt
  line.justified = true
  line.stretch = stretch
  return true
}

function isSpace(code: number): boolean {
  // The space and the no-break space: the gaps between words (and Khmer phrases).
  return code === 0x20 || code === 0xa0
}

/** Khmer letters and signs (not digits, not punctuation). */
function isKhmerLetter(code: number): boolean {
  return (code >= 0x1780 && code <= 0x17d3) || code === 0x17dd
}
