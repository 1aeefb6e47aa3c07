import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {breakOpportunities} from './breaks.js'
import {loadFont} from './fonts.js'
import {itemize} from './itemize.js'
import {CLUSTER_MAX_EM, justifyLine, shareSlack, SPACE_MAX_EM, StretchPoints, WORD_MAX_EM} from './justify.js'
import type {Line} from './line.js'
import {linebreak} from './linebreak.js'
import {shape} from './shape.js'

const font = (name: string) => loadFont(new URL(`../../fonts/${name}.ttf`, import.meta.url).pathname)
const khmerChain = [font('NotoSansKhmer-Regular'), font('NotoSans-Regular')]
const SIZE_PT = 11
const runs = Number(process.env.FUZZ_RUNS ?? 40)

// Khmer prose with Latin names, amounts, percentages and Khmer numbers inside it.
const paragraph =
  'ក្រសួងការងារ និងបណ្តុះបណ្តាលវិជ្ជាជីវៈ បានសហការជាមួយ International Labour Organization (ILO) ' +
  'ដើម្បីជួយពលករចំណាកស្រុកចំនួន ១២,៥០០ នាក់ ដែលបានវិលត្រឡប់មកកម្ពុជាវិញក្នុងឆ្នាំ២០២៥ ។ ' +
  'គម្រោងនេះមានថវិកាសរុប US$1,000,000 ហើយផ្តល់ការបណ្តុះបណ្តាលជំនាញដល់ស្ត្រី និងយុវជននៅខេត្តកំពង់ចាម ព្រៃវែង និងស្វាយរៀង ។ ' +
  'អត្រាអ្នកមានការងារធ្វើបានកើនឡើង ១៦៦% បើធៀបនឹងឆ្នាំមុន ហើយក្សត្រិយ៍ និងសហគមន៍បានចូលរួមយ៉ាងសកម្ម ។'

const shaped = (text: string) => itemize(text, khmerChain, {language: 'km'}).runs.map((run) => shape(text, run))

/** Lines broken greedily (not justified), and a justified copy of each. */
function naturalAndJustified(text: string, widthPt: number): Array<{natural: Line; justified: Line}> {
  const {lines} = linebreak(text, shaped(text), {widthPt, fontSizePt: SIZE_PT})
  const points = new StretchPoints(text, breakOpportunities(text))
  return lines.slice(0, -1).map((natural) => {
    const justified = {...natural, runs: natural.runs.map((run) => ({...run, glyphs: run.glyphs.map((glyph) => ({...glyph}))}))}
    justifyLine(justified, points, widthPt, SIZE_PT)
    return {natural, justified}
  })
}

/** Per glyph of a line: its cluster and how far justification moved it. */
function shifts(natural: Line, justified: Line): Array<{cluster: number; shiftPt: number}> {
  const before = natural.runs.flatMap((run) => run.glyphs)
  const after = justified.runs.flatMap((run) => run.glyphs)
  return before.map((glyph, i) => ({cluster: glyph.clusterUtf16, shiftPt: after[i]!.xPt - glyph.xPt}))
}

const widths = fc.integer({min: 140, max: 470})

describe('justification', () => {
  it('adds nothing inside a Latin word or a number', () => {
    const tokens = [...paragraph.matchAll(/[A-Za-z0-9\u17e0-\u17e9$,.%()]+/g)].map((match) => [match.index, match.index + match[0].length] as const)
    fc.assert(
      fc.property(widths, (widthPt) => {
        for (const {natural, justified} of naturalAndJustified(paragraph, widthPt)) {
          const moved = shifts(natural, justified)
          for (const [start, end] of tokens) {
            const inToken = moved.filter((glyph) => glyph.cluster >= start && glyph.cluster < end)
            for (const glyph of inToken) expect(glyph.shiftPt).toBeCloseTo(inToken[0]!.shiftPt, 9)
          }
        }
      }),
      {numRuns: runs}
    )
  })

  it('moves glyphs apart only at stretch points, each by no more than its cap', () => {
    const points = new StretchPoints(paragraph, breakOpportunities(paragraph))
    const caps = {space: SPACE_MAX_EM * SIZE_PT, word: WORD_MAX_EM * SIZE_PT, cluster: CLUSTER_MAX_EM * SIZE_PT}
    let clusterStretched = 0
    fc.assert(
      fc.property(widths, (widthPt) => {
        for (const {natural, justified} of naturalAndJustified(paragraph, widthPt)) {
          const moved = shifts(natural, justified)
          for (let i = 1; i < moved.length; i++) {
            const step = moved[i]!.shiftPt - moved[i - 1]!.shiftPt
            if (moved[i]!.cluster === moved[i - 1]!.cluster) {
              expect(step).toBeCloseTo(0, 9)
              continue
            }
            // Consecutive clusters: the gap between them grew by the extra of the points between.
            let capPt = 0
            for (let offset = moved[i - 1]!.cluster + 1; offset <= moved[i]!.cluster; offset++) {
              const kind = points.kindAt(offset)
              if (kind && offset < justified.visibleEndUtf16) capPt += caps[kind]
            }
            expect(step).toBeGreaterThanOrEqual(-1e-9)
            expect(step).toBeLessThanOrEqual(capPt + 1e-9)
            if (points.kindAt(moved[i]!.cluster) === 'cluster' && step > 1e-9) clusterStretched++
          }
        }
      }),
      {numRuns: runs}
    )
    // The last resort was reached on some line, and stayed within its cap.
    expect(clusterStretched).toBeGreaterThan(0)
  })

  it('fills the measure exactly, or leaves the line as it was', () => {
    fc.assert(
      fc.property(widths, (widthPt) => {
        for (const {natural, justified} of naturalAndJustified(paragraph, widthPt)) {
          if (justified.justified) {
            expect(justified.widthPt).toBe(widthPt)
            const stretch = justified.stretch!
            expect(stretch.spacePt).toBeLessThanOrEqual(SPACE_MAX_EM * SIZE_PT + 1e-9)
            expect(stretch.wordPt).toBeLessThanOrEqual(WORD_MAX_EM * SIZE_PT + 1e-9)
            expect(stretch.clusterPt).toBeLessThanOrEqual(CLUSTER_MAX_EM * SIZE_PT + 1e-9)
          } else {
            expect(justified).toEqual(natural)
          }
        }
      }),
      {numRuns: runs}
    )
  })

  it('leaves a line ragged when its gaps cannot take the slack', () => {
    // The Latin word does not fit after the Khmer phrase, which has one space and one word boundary.
    const text = 'ស្ត្រី និងកុមារ Interdepartmentalisation'
    const {lines} = linebreak(text, shaped(text), {widthPt: 150, fontSizePt: SIZE_PT, justify: true})
    expect(lines.map((line) => text.slice(line.startUtf16, line.endUtf16))).toEqual(['ស្ត្រី និងកុមារ ', 'Interdepartmentalisation'])
    expect(lines[0]!.justified).toBe(false)
    expect(lines[0]!.widthPt).toBeLessThan(120)
    expect(lines[0]!.stretch).toBeUndefined()
  })

  it('never stretches the last line, nor a line ended by a line feed', () => {
    const text = `${paragraph}\n${paragraph}`
    const {lines} = linebreak(text, shaped(text), {widthPt: 300, fontSizePt: SIZE_PT, justify: true})
    const hard = lines.filter((line) => line.hardBreak)
    expect(hard).toHaveLength(1)
    expect(hard[0]!.justified).toBe(false)
    expect(lines.at(-1)!.justified).toBe(false)
    expect(lines.filter((line) => line.justified).length).toBeGreaterThan(lines.length / 2)
  })

  it('shares slack spaces first, then word boundaries, then clusters, up to the caps', () => {
    const em = SIZE_PT
    expect(shareSlack(1, {spaces: 2, words: 5, clusters: 20}, em)).toEqual({spacePt: 0.5, wordPt: 0, clusterPt: 0})
    const words = shareSlack(2 * 0.17 * em + 5 * 0.05 * em, {spaces: 2, words: 5, clusters: 20}, em)!
    expect(words.spacePt).toBeCloseTo(0.17 * em, 9)
    expect(words.wordPt).toBeCloseTo(0.05 * em, 9)
    expect(words.clusterPt).toBe(0)
    const all = shareSlack(2 * SPACE_MAX_EM * em + 5 * WORD_MAX_EM * em + 20 * 0.01 * em, {spaces: 2, words: 5, clusters: 20}, em)!
    expect(all.spacePt).toBeCloseTo(SPACE_MAX_EM * em, 9)
    expect(all.clusterPt).toBeCloseTo(0.01 * em, 9)
    expect(shareSlack(2 * SPACE_MAX_EM * em + 5 * WORD_MAX_EM * em + 20 * CLUSTER_MAX_EM * em + 0.01, {spaces: 2, words: 5, clusters: 20}, em)).toBeNull()
    // A Latin line has only spaces to stretch.
    expect(shareSlack(SPACE_MAX_EM * em + 0.01, {spaces: 1, words: 0, clusters: 0}, em)).toBeNull()
  })

  it('finds no stretch point inside Latin words or numbers', () => {
    const points = new StretchPoints(paragraph, breakOpportunities(paragraph))
    for (const match of paragraph.matchAll(/[A-Za-z0-9\u17e0-\u17e9$,.%()]+/g)) {
      for (let offset = match.index; offset <= match.index + match[0].length; offset++) {
        const kind = points.kindAt(offset)
        if (kind) expect(kind).toBe('space')
      }
    }
    expect(points.count('word', 0, paragraph.length)).toBeGreaterThan(20)
    expect(points.count('cluster', 0, paragraph.length)).toBeGreaterThan(50)
  })
})
