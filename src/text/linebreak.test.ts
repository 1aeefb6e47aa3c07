import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {breakOpportunities} from './breaks.js'
import {loadFont} from './fonts.js'
import {graphemeBoundaries} from './graphemes.js'
import {layoutParagraph, type ParagraphLayout} from './index.js'
import {itemize} from './itemize.js'
import {StretchPoints} from './justify.js'
import {linebreak, type Line} from './linebreak.js'
import {shape} from './shape.js'
import {seedParagraphs} from '../test/project.js'

const font = (name: string) => loadFont(new URL(`../../fonts/${name}.ttf`, import.meta.url).pathname)
const khmerChain = [font('NotoSansKhmer-Regular'), font('NotoSans-Regular')]
const englishChain = [font('NotoSerif-Regular'), font('NotoSerifKhmer-Regular')]

const {km: khmerParagraphs, en: englishParagraphs} = seedParagraphs()

const FONT_SIZE_PT = 11
const WIDTHS_PT = [120, 200, 300, 450]

const text = (paragraph: string, line: Line) => paragraph.slice(line.startUtf16, line.endUtf16)

/** Offsets where the segmenter puts a word boundary, plus every offset right after white space. */
function wordOrSpaceBoundaries(paragraph: string): Set<number> {
  const allowed = new Set<number>([paragraph.length])
  for (const {index} of new Intl.Segmenter('km', {granularity: 'word'}).segment(paragraph)) allowed.add(index)
  for (let i = 1; i <= paragraph.length; i++) if (/[\s\u200B]/u.test(paragraph[i - 1]!)) allowed.add(i)
  return allowed
}

/** The checks every layout must pass, whatever the text and measure. */
function expectSoundLayout(paragraph: string, layout: ParagraphLayout, widthPt: number): void {
  const {lines} = layout
  expect(lines.map((line) => text(paragraph, line)).join('')).toBe(paragraph)
  const clusterStarts = new Set(graphemeBoundaries(paragraph))
  const opportunities = breakOpportunities(paragraph).map((opportunity) => opportunity.offsetUtf16)
  for (const line of lines) {
    expect(line.endUtf16).toBeGreaterThan(line.startUtf16)
    // Never inside a cluster: a coeng stack stays whole.
    expect(clusterStarts.has(line.endUtf16)).toBe(true)
    expect(paragraph.charCodeAt(line.endUtf16 - 1)).not.toBe(0x17d2)
    // The width is what the glyphs measure.
    const visible = line.runs.flatMap((run) => run.glyphs).filter((glyph) => glyph.clusterUtf16 < line.visibleEndUtf16)
    const measuredPt = visible.reduce((sum, glyph) => sum + glyph.advancePt, 0)
    if (!line.justified) expect(line.widthPt).toBeCloseTo(measuredPt, 6)
    if (line.overflow) {
      // Only one unbreakable stretch may overflow, and it is kept whole.
      expect(opportunities.some((offset) => offset > line.startUtf16 && offset < line.visibleEndUtf16)).toBe(false)
    } else {
      expect(line.widthPt).toBeLessThanOrEqual(widthPt + 1e-6)
    }
    for (const run of line.runs) for (const glyph of run.glyphs) expect(glyph.glyphId).not.toBe(0)
  }
  expect(layout.overflow).toBe(lines.some((line) => line.overflow))
}

describe('linebreak on the seed', () => {
  describe.each(WIDTHS_PT)('Khmer at %d pt', (widthPt) => {
    const layouts = khmerParagraphs.map((paragraph) => ({
      paragraph,
      layout: layoutParagraph(paragraph, khmerChain, {fontSizePt: FONT_SIZE_PT, widthPt, language: 'km'})
    }))

    it('keeps the text, fits the measure and never splits a cluster', () => {
      for (const {paragraph, layout} of layouts) {
        expect(layout.diagnostics).toEqual([])
        expect(layout.overflow).toBe(false)
        expectSoundLayout(paragraph, layout, widthPt)
      }
    })

    it('breaks only at a word boundary of the segmenter or after a space', () => {
      for (const {paragraph, layout} of layouts) {
        const allowed = wordOrSpaceBoundaries(paragraph)
        for (const line of layout.lines) expect(allowed.has(line.endUtf16)).toBe(true)
      }
    })

    it('starts no line with ។ ៕ ៖ or a closing mark, and ends none with an opening one', () => {
      for (const {paragraph, layout} of layouts) {
        for (const line of layout.lines) {
          expect(text(paragraph, line)).not.toMatch(/^[។៕៖)\]”’]/u)
          expect(text(paragraph, line)).not.toMatch(/[([“‘]$/u)
        }
      }
    })

    it('never splits ១,០០០,០០០, (ILO) or a word', () => {
      for (const {paragraph, layout} of layouts) {
        for (const token of ['១,០០០,០០០', '(ILO)', 'ស្ថាប័ន', 'ព្រះរាជាណាចក្រ', 'ស្ត្រី']) {
          for (let at = paragraph.indexOf(token); at >= 0; at = paragraph.indexOf(token, at + 1)) {
            for (const line of layout.lines.slice(0, -1)) {
              expect(line.endUtf16 > at && line.endUtf16 < at + token.length).toBe(false)
            }
          }
        }
      }
    })

    it('gives the glyphs a full reshape of each line gives', () => {
      for (const {paragraph} of layouts) {
        const runs = itemize(paragraph, khmerChain, {language: 'km'}).runs.map((run) => shape(paragraph, run))
        const reused = linebreak(paragraph, runs, {widthPt, fontSizePt: FONT_SIZE_PT})
        const reshaped = linebreak(paragraph, runs, {widthPt, fontSizePt: FONT_SIZE_PT, reshapeAll: true})
        expect(reused).toEqual(reshaped)
      }
    })

    it('prefers a space to a break inside a phrase when the line stays three quarters full', () => {
      for (const {paragraph, layout} of layouts) {
        const opportunities = breakOpportunities(paragraph)
        for (const line of layout.lines.slice(0, -1)) {
          if (/\s$/u.test(text(paragraph, line))) continue
          // Ended inside a phrase: no space in the line could have ended a line 75% full.
          const spaces = opportunities.filter(
            (opportunity) =>
              opportunity.kind === 'space' && opportunity.offsetUtf16 > line.startUtf16 && opportunity.offsetUtf16 < line.endUtf16
          )
          for (const space of spaces) {
            const widthToSpacePt = line.runs
              .flatMap((run) => run.glyphs)
              .filter((glyph) => glyph.clusterUtf16 < space.offsetUtf16 - 1)
              .reduce((sum, glyph) => sum + glyph.advancePt, 0)
            expect(widthToSpacePt).toBeLessThan(0.75 * widthPt + 1e-6)
          }
        }
      }
    })
  })

  it('has the US$1,000,000 of the English text in one piece at every width', () => {
    for (const widthPt of [60, ...WIDTHS_PT]) {
      for (const paragraph of englishParagraphs) {
        const layout = layoutParagraph(paragraph, englishChain, {fontSizePt: FONT_SIZE_PT, widthPt, language: 'en'})
        for (let at = paragraph.indexOf('US$1,000,000'); at >= 0; at = paragraph.indexOf('US$1,000,000', at + 1)) {
          for (const line of layout.lines) expect(line.endUtf16 > at && line.endUtf16 < at + 12).toBe(false)
        }
      }
    }
  })

  describe.each(WIDTHS_PT)('English at %d pt', (widthPt) => {
    it('breaks only after spaces (or hyphens), fits the measure and keeps the text', () => {
      for (const paragraph of englishParagraphs) {
        const layout = layoutParagraph(paragraph, englishChain, {fontSizePt: FONT_SIZE_PT, widthPt, language: 'en'})
        expect(layout.diagnostics).toEqual([])
        expect(layout.overflow).toBe(false)
        expectSoundLayout(paragraph, layout, widthPt)
        for (const line of layout.lines.slice(0, -1)) expect(text(paragraph, line)).toMatch(/[ -]$/)
      }
    })
  })
})

describe('linebreak', () => {
  const paragraph = khmerParagraphs[1]!

  it('returns a stretch wider than the measure whole, on its own line, flagged', () => {
    const layout = layoutParagraph(paragraph, khmerChain, {fontSizePt: FONT_SIZE_PT, widthPt: 25, language: 'km'})
    expect(layout.overflow).toBe(true)
    expectSoundLayout(paragraph, layout, 25)
    const overflowing = layout.lines.filter((line) => line.overflow).map((line) => text(paragraph, line).trim())
    expect(overflowing).toContain('១,០០០,០០០')
    expect(overflowing).toContain('រដ្ឋាភិបាល')
  })

  it('justifies every line but the last to the measure, or leaves it ragged when the limits do not allow', () => {
    const layout = layoutParagraph(paragraph, khmerChain, {fontSizePt: FONT_SIZE_PT, widthPt: 200, language: 'km', justify: true})
    expectSoundLayout(paragraph, layout, 200)
    const points = new StretchPoints(paragraph, breakOpportunities(paragraph))
    let justified = 0
    for (const line of layout.lines.slice(0, -1)) {
      if (!line.justified) {
        // Ragged only when the caps cannot absorb the slack.
        expect(points.share(line.startUtf16, line.visibleEndUtf16, 200 - line.widthPt, FONT_SIZE_PT)).toBeNull()
        continue
      }
      justified++
      expect(line.widthPt).toBe(200)
      const glyphs = line.runs.flatMap((run) => run.glyphs).filter((glyph) => glyph.clusterUtf16 < line.visibleEndUtf16)
      // The last base glyph now ends at the measure.
      const last = glyphs.filter((glyph) => glyph.advancePt > 0).at(-1)!
      expect(last.xPt + last.advancePt).toBeCloseTo(200, 6)
      for (const [index, run] of line.runs.entries()) {
        if (index > 0) expect(run.xPt).toBeCloseTo(line.runs[index - 1]!.xPt + line.runs[index - 1]!.advancePt, 6)
      }
    }
    expect(justified).toBeGreaterThan(0)
    expect(layout.lines.at(-1)!.justified).toBe(false)
  })

  it('ends a line at a line feed and reports it as a hard break', () => {
    const layout = layoutParagraph('ក ខ\nគ ឃ', khmerChain, {fontSizePt: FONT_SIZE_PT, widthPt: 300})
    expect(layout.lines.map((line) => [line.startUtf16, line.endUtf16, line.hardBreak])).toEqual([
      [0, 4, true],
      [4, 7, false]
    ])
    expect(layout.diagnostics).toEqual([])
  })

  it('lays out empty text as no lines', () => {
    expect(layoutParagraph('', khmerChain, {fontSizePt: FONT_SIZE_PT, widthPt: 100}).lines).toEqual([])
  })

  it('positions glyphs left to right from 0 and in points', () => {
    const [line] = layoutParagraph('ស្ត្រី ក', khmerChain, {fontSizePt: 10, widthPt: 300}).lines
    const glyphs = line!.runs[0]!.glyphs
    // hb-shape: uni17D2179A=0+287|uni179F=0+928|uni17D2178F=0@14,-26+0|uni17B8=0@-32,-29+0|space=6+260|uni1780=7+636
    expect(glyphs.map((glyph) => [glyph.clusterUtf16, glyph.xPt, glyph.yPt, glyph.advancePt])).toEqual([
      [0, 0, 0, 2.87],
      [0, 2.87, 0, 9.28],
      [0, 12.29, -0.26, 0],
      [0, 11.83, -0.29, 0],
      [6, 12.15, 0, 2.6],
      [7, 14.75, 0, 6.36]
    ].map(([cluster, x, y, advance]) => [cluster, expect.closeTo(x!, 9), expect.closeTo(y!, 9), expect.closeTo(advance!, 9)]))
    expect(line!.widthPt).toBeCloseTo(21.11, 9)
  })
})

describe('linebreak, property', () => {
  const clusters = ['ស្ត្រី', 'ព្រះ', 'ក្រ', 'ញ្ញុ', 'ម៉ែ', 'អ៊ុំ', 'កើត', 'ស្ថា', 'ប័ន', 'ជា', 'ក', '១,០០០', '។', 'ៗ']
  const latinWords = ['ILO', 'US$1,000', 'Japan', '(ILO)', 'office', 'a']
  const piece = fc.oneof(
    {weight: 6, arbitrary: fc.constantFrom(...clusters)},
    {weight: 2, arbitrary: fc.constantFrom(...latinWords)},
    {weight: 2, arbitrary: fc.constantFrom(' ', ' ', '\u200B')}
  )

  it('gives back the input and never breaks inside a grapheme cluster', () => {
    fc.assert(
      fc.property(fc.array(piece, {minLength: 1, maxLength: 60}), fc.integer({min: 15, max: 300}), (pieces, widthPt) => {
        const paragraph = pieces.join('')
        const layout = layoutParagraph(paragraph, khmerChain, {fontSizePt: FONT_SIZE_PT, widthPt, language: 'km'})
        expect(layout.diagnostics).toEqual([])
        expectSoundLayout(paragraph, layout, widthPt)
      }),
      {numRuns: 150}
    )
  })
})
