/**
 * Justification on real Khmer prose: every paragraph of the corpus in
 * PRESSROOM_KHMER_CORPUS (a folder of UTF-8 .txt files, one paragraph a
 * line; `*_seg.txt` word-segmented copies are skipped) is set as the PDF
 * sets a Khmer body paragraph (11 pt, the A4 letterhead's measure), and the
 * extra space the justified lines get is measured per cluster gap, per
 * word gap and per space, with the number of lines left ragged.
 *
 * "before" is the rule the PDF used until now, computed here for
 * comparison: greedy breaks (a phrase space preferred when the line is 90 %
 * full), then the slack spread over every cluster boundary, a space taking
 * three shares. "after" is the text engine's justification, with its
 * breaks chosen over the paragraph; "after, greedy breaks" stretches the
 * greedy lines of "before" within the same limits, to show what choosing
 * the breaks over the paragraph gains.
 */
import {readdirSync, readFileSync} from 'node:fs'
import path from 'node:path'
import {breakOpportunities, itemize, justifyLine, linebreak, loadFont, shape, StretchPoints, type Line, type LoadedFont} from '../text/index.js'

const FONT_SIZE_PT = 11
// A4 less the letterhead template's 22 mm side margins.
const WIDTH_PT = 595.28 - (2 * 22 * 72) / 25.4

interface Figures {
  lines: number
  justified: number
  ragged: number
  perCluster: number[]
  perWord: number[]
  perSpace: number[]
}

export async function benchJustify(): Promise<Array<{name: string; value: string}>> {
  const folder = process.env.PRESSROOM_KHMER_CORPUS
  if (!folder) {
    return [{name: 'justify: Khmer corpus', value: 'skipped: set PRESSROOM_KHMER_CORPUS to a folder of Khmer prose (.txt, one paragraph a line)'}]
  }
  const files = readdirSync(folder)
    .filter((name) => name.endsWith('.txt') && !name.endsWith('_seg.txt'))
    .sort()
  const paragraphs = files.flatMap((name) =>
    readFileSync(path.join(folder, name), 'utf8')
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => /[\u1780-\u17ff]/.test(line))
  )
  const fontPath = (name: string) => new URL(`../../fonts/${name}.ttf`, import.meta.url).pathname
  const chain = [loadFont(fontPath('NotoSansKhmer-Regular')), loadFont(fontPath('NotoSans-Regular'))]
  const before = emptyFigures()
  const greedy = emptyFigures()
  const after = emptyFigures()
  for (const text of paragraphs) {
    measureBefore(text, chain, before)
    measureAfter(text, chain, greedy, 'greedy')
    measureAfter(text, chain, after, 'total-fit')
  }
  const units = paragraphs.reduce((sum, text) => sum + text.length, 0)
  const rows = [{name: 'justify: corpus', value: `${files.length} files, ${paragraphs.length} paragraphs, ${units} UTF-16 units, ${FONT_SIZE_PT} pt on ${WIDTH_PT.toFixed(1)} pt`}]
  for (const [label, figures] of [
    ['before', before],
    ['after, greedy breaks', greedy],
    ['after', after]
  ] as const) {
    rows.push(
      {name: `justify ${label}: lines, justified, left ragged`, value: `${figures.lines}, ${figures.justified}, ${figures.ragged}`},
      {name: `justify ${label}: extra per cluster gap (pt, median / max over lines)`, value: spread(figures.perCluster)},
      {
        name: `justify ${label}: lines with any / 0.5 pt or more extra per cluster gap`,
        value: `${figures.perCluster.filter((pt) => pt > 0).length} / ${figures.perCluster.filter((pt) => pt >= 0.5).length}`
      },
      {name: `justify ${label}: extra per Khmer word gap (pt, median / max)`, value: spread(figures.perWord)},
      {name: `justify ${label}: extra per space (pt, median / max)`, value: spread(figures.perSpace)}
    )
  }
  return rows
}

function emptyFigures(): Figures {
  return {lines: 0, justified: 0, ragged: 0, perCluster: [], perWord: [], perSpace: []}
}

function shaped(text: string, chain: readonly LoadedFont[]) {
  return itemize(text, chain, {language: 'km'}).runs.map((run) => shape(text, run))
}

/** Lines that justification is for: not the last, not before a hard break, not an overflow. */
function inner(lines: readonly Line[]): Line[] {
  return lines.filter((line, index) => index < lines.length - 1 && !line.hardBreak && !line.overflow)
}

function measureAfter(text: string, chain: readonly LoadedFont[], figures: Figures, breaks: 'greedy' | 'total-fit'): void {
  const runs = shaped(text, chain)
  const points = new StretchPoints(text, breakOpportunities(text))
  let lines: Line[]
  if (breaks === 'total-fit') {
    lines = linebreak(text, runs, {widthPt: WIDTH_PT, fontSizePt: FONT_SIZE_PT, justify: true}).lines
  } else {
    lines = linebreak(text, runs, {widthPt: WIDTH_PT, fontSizePt: FONT_SIZE_PT, minSpaceFill: 0.9}).lines
    for (const line of inner(lines)) justifyLine(line, points, WIDTH_PT, FONT_SIZE_PT)
  }
  for (const line of inner(lines)) {
    figures.lines++
    if (!line.justified || !line.stretch) {
      figures.ragged++
      continue
    }
    figures.justified++
    const has = (kind: 'space' | 'word' | 'cluster') => points.count(kind, line.startUtf16, line.visibleEndUtf16) > 0
    if (has('cluster')) figures.perCluster.push(line.stretch.clusterPt)
    if (has('word')) figures.perWord.push(line.stretch.wordPt)
    if (has('space')) figures.perSpace.push(line.stretch.spacePt)
  }
}

function measureBefore(text: string, chain: readonly LoadedFont[], figures: Figures): void {
  const {lines} = linebreak(text, shaped(text, chain), {widthPt: WIDTH_PT, fontSizePt: FONT_SIZE_PT, minSpaceFill: 0.9})
  const opportunities = breakOpportunities(text)
  for (const line of inner(lines)) {
    figures.lines++
    figures.justified++
    const isInner = (offset: number) => offset > line.startUtf16 && offset < line.visibleEndUtf16
    const spaces = new Set(opportunities.filter((o) => o.kind === 'space' && isInner(o.offsetUtf16)).map((o) => o.offsetUtf16))
    const words = opportunities.filter((o) => o.kind === 'word' && isInner(o.offsetUtf16)).length
    const starts = new Set(spaces)
    for (const run of line.runs) for (const glyph of run.glyphs) if (isInner(glyph.clusterUtf16)) starts.add(glyph.clusterUtf16)
    const shares = starts.size + 2 * spaces.size
    if (shares === 0) continue
    const unitPt = Math.max(0, WIDTH_PT - line.widthPt) / shares
    figures.perCluster.push(unitPt)
    if (words > 0) figures.perWord.push(unitPt)
    if (spaces.size > 0) figures.perSpace.push(3 * unitPt)
  }
}

function spread(values: readonly number[]): string {
  if (values.length === 0) return '-'
  const sorted = [...values].sort((a, b) => a - b)
  return `${sorted[sorted.length >> 1]!.toFixed(2)} / ${sorted.at(-1)!.toFixed(2)}`
}
