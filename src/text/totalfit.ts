/**
 * Breaks for justified text, chosen over the whole paragraph as Knuth and
 * Plass do ("Breaking paragraphs into lines", 1981), in its simplest form:
 * the breakpoints are the break opportunities (spaces, and the segmenter's
 * word boundaries in Khmer), a line costs (LINE_PENALTY + badness)², and
 * the cheapest sequence of lines wins (dynamic programming over the
 * opportunities). Badness grows with the stretch a line needs relative to
 * the caps of justify.ts, so a line that needs letter-level stretch, or
 * more than the caps allow (ragged), costs more than a little extra word
 * space on the lines around it.
 *
 * Each opportunity looks back only as far as one measure reaches, so the
 * work is linear in the paragraph's length.
 */
import {visibleEnd, type BreakOpportunity} from './breaks.js'
import {CLUSTER_MAX_EM, SPACE_MAX_EM, WORD_MAX_EM, type StretchPoints} from './justify.js'

export interface TotalFitInput {
  text: string
  opportunities: readonly BreakOpportunity[]
  /** prefixPt[i]: width of the paragraph's glyphs for offsets below i. */
  prefixPt: Float64Array
  points: StretchPoints
  widthPt: number
  fontSizePt: number
}

// Each line costs something, so fewer lines win among equals (TeX's \linepenalty).
const LINE_PENALTY = 10
// More than a line stretched to every cap (100 + 100 + 400).
const RAGGED_BADNESS = 1000
// An unbreakable stretch wider than the measure: only when nothing else can be done.
const OVERFLOW_BADNESS = 100_000
// A break inside a Khmer phrase (or after a hyphen) rather than at a space, in demerits: a slight preference.
const NON_SPACE_BREAK = 400
const EPSILON_PT = 1e-6

/** Indexes of the opportunities that end each line, in order; the last is the paragraph's end. */
export function totalFit({text, opportunities, prefixPt, points, widthPt, fontSizePt}: TotalFitInput): number[] {
  const count = opportunities.length
  // Node 0 is the paragraph's start; node k + 1 is opportunity k.
  const demerits = new Float64Array(count + 1).fill(Infinity)
  const previous = new Int32Array(count + 1).fill(-1)
  demerits[0] = 0
  for (let from = 0; from < count; from++) {
    if (demerits[from] === Infinity) continue
    const start = from === 0 ? 0 : opportunities[from - 1]!.offsetUtf16
    if (from > 0 && opportunities[from - 1]!.offsetUtf16 >= text.length) continue
    for (let k = from; k < count; k++) {
      const opportunity = opportunities[k]!
      const end = visibleEnd(text, start, opportunity.offsetUtf16)
      const natural = prefixPt[end]! - prefixPt[start]!
      const fits = natural <= widthPt + EPSILON_PT
      if (!fits && k > from) break
      let badness: number
      if (!fits) badness = OVERFLOW_BADNESS
      else if (opportunity.required || opportunity.offsetUtf16 >= text.length) badness = 0
      else badness = lineBadness(points, start, end, widthPt - natural, widthPt, fontSizePt)
      const cost = demerits[from]! + (LINE_PENALTY + badness) ** 2 + (opportunity.kind === 'space' || opportunity.required ? 0 : NON_SPACE_BREAK)
      if (cost < demerits[k + 1]!) {
        demerits[k + 1] = cost
        previous[k + 1] = from
      }
      if (opportunity.required) break
    }
  }
  const breaks: number[] = []
  for (let node = count; node > 0; node = previous[node]!) breaks.push(node - 1)
  return breaks.reverse()
}

/** 0 for a full line, up to 600 at every cap, RAGGED_BADNESS (plus its slack) when the caps are not enough. */
function lineBadness(points: StretchPoints, start: number, end: number, slackPt: number, widthPt: number, fontSizePt: number): number {
  if (slackPt <= EPSILON_PT) return 0
  const stretch = points.share(start, end, slackPt, fontSizePt)
  if (!stretch) return RAGGED_BADNESS + (RAGGED_BADNESS * slackPt) / widthPt
  const ratio = (pt: number, capEm: number) => pt / (capEm * fontSizePt)
  return 100 * ratio(stretch.spacePt, SPACE_MAX_EM) ** 3 + 100 * ratio(stretch.wordPt, WORD_MAX_EM) ** 3 + 400 * ratio(stretch.clusterPt, CLUSTER_MAX_EM) ** 3
}
