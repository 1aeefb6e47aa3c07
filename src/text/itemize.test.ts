import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {loadFont, type LoadedFont} from './fonts.js'
import {graphemeBoundaries} from './graphemes.js'
import {itemize, type TextRun} from './itemize.js'
import {shape} from './shape.js'

const font = (name: string) => loadFont(new URL(`../../fonts/${name}.ttf`, import.meta.url).pathname)
const khmer = font('NotoSansKhmer-Regular')
const latin = font('NotoSans-Regular')
const chain = [khmer, latin]

const seed = readFileSync(
  new URL('../../releases/2026/010-japan-grant-ilo-returning-migrant-workers.md', import.meta.url),
  'utf8'
)
const khmerParagraphs = paragraphsOf(seed.split(/^# ខ្មែរ$/m)[1]!)

function paragraphsOf(section: string): string[] {
  return section
    .split('\n')
    .filter((line) => line.trim() !== '' && !line.startsWith('# '))
    .map((line) => line.replace(/^(## |- )/, ''))
}

/** The runs as [text, font postscript name, script], for readable expectations. */
function described(text: string, runs: readonly TextRun[]): Array<[string, string, string]> {
  return runs.map((run) => [text.slice(run.startUtf16, run.endUtf16), run.font.names.postscript, run.script])
}

describe('itemize', () => {
  it('sets Latin words and US$ amounts inside Khmer in the Latin face', () => {
    const text = 'ផ្តល់ US$1,000,000 ដល់អង្គការពលកម្មអន្តរជាតិ (ILO) ។'
    const {runs, diagnostics} = itemize(text, chain, {language: 'km'})
    expect(diagnostics).toEqual([])
    expect(described(text, runs)).toEqual([
      ['ផ្តល់ ', 'NotoSansKhmer-Regular', 'Khmr'],
      ['US$1,000,000 ', 'NotoSans-Regular', 'Latn'],
      ['ដល់អង្គការពលកម្មអន្តរជាតិ ', 'NotoSansKhmer-Regular', 'Khmr'],
      ['(ILO) ', 'NotoSans-Regular', 'Latn'],
      ['។', 'NotoSansKhmer-Regular', 'Khmr']
    ])
    expect(runs.map((run) => run.language)).toEqual(['km', 'und', 'km', 'und', 'km'])
  })

  it('keeps Khmer digits, spaces and punctuation with their Khmer neighbours', () => {
    const text = '“ថវិកាចំនួន ១,០០០,០០០ ដុល្លារ”។ (ទឹកប្រាក់៖ ១,០០០,០០០)'
    expect(described(text, itemize(text, chain).runs)).toEqual([[text, 'NotoSansKhmer-Regular', 'Khmr']])
  })

  it('does not flip faces inside "1,000" although the Khmer face has a comma', () => {
    const text = 'ចំនួន 1,000 ដុល្លារ'
    expect(described(text, itemize(text, chain).runs)).toEqual([
      ['ចំនួន ', 'NotoSansKhmer-Regular', 'Khmr'],
      ['1,000 ', 'NotoSans-Regular', 'Zyyy'],
      ['ដុល្លារ', 'NotoSansKhmer-Regular', 'Khmr']
    ])
  })

  it('gives the same runs whichever face comes first in the chain', () => {
    for (const text of khmerParagraphs) {
      const a = itemize(text, [khmer, latin]).runs
      const b = itemize(text, [latin, khmer]).runs
      expect(described(text, b)).toEqual(described(text, a))
    }
  })

  it('sets English text in one Latin run', () => {
    const text = 'The Government of Japan will provide US$1,000,000 to the International Labour Organization (ILO).'
    const {runs} = itemize(text, chain, {language: 'en'})
    expect(described(text, runs)).toEqual([[text, 'NotoSans-Regular', 'Latn']])
    expect(runs[0]!.language).toBe('en')
  })

  it('tiles the text with runs that start and end on grapheme cluster boundaries', () => {
    for (const text of khmerParagraphs) {
      const {runs, diagnostics} = itemize(text, chain, {language: 'km'})
      expect(diagnostics).toEqual([])
      expect(runs[0]!.startUtf16).toBe(0)
      expect(runs.at(-1)!.endUtf16).toBe(text.length)
      const clusterStarts = new Set(graphemeBoundaries(text))
      for (const [index, run] of runs.entries()) {
        if (index > 0) expect(run.startUtf16).toBe(runs[index - 1]!.endUtf16)
        expect(clusterStarts.has(run.startUtf16)).toBe(true)
        expect(text.charCodeAt(run.startUtf16 - 1)).not.toBe(0x17d2)
      }
    }
  })

  it('keeps ZWJ, ZWNJ and a coeng stack in the Khmer run', () => {
    const text = 'ម\u200C៉ែ ស្ត្រី\u200Dក A'
    expect(described(text, itemize(text, chain).runs)).toEqual([
      ['ម\u200C៉ែ ស្ត្រី\u200Dក ', 'NotoSansKhmer-Regular', 'Khmr'],
      ['A', 'NotoSans-Regular', 'Latn']
    ])
  })

  it('reports a character no face covers as missing-glyph at its UTF-16 offset', () => {
    const text = 'ក ก 中 😀x'
    const {runs, diagnostics} = itemize(text, chain)
    expect(diagnostics.map(({ruleId, offsetUtf16, codePoint}) => ({ruleId, offsetUtf16, codePoint}))).toEqual([
      {ruleId: 'missing-glyph', offsetUtf16: 2, codePoint: 0x0e01},
      {ruleId: 'missing-glyph', offsetUtf16: 4, codePoint: 0x4e2d},
      {ruleId: 'missing-glyph', offsetUtf16: 6, codePoint: 0x1f600}
    ])
    expect(diagnostics[0]!.message).toMatch(/^No font covers U\+0E01 "ก"/)
    expect(text.codePointAt(6)).toBe(0x1f600)
    // Shaping draws no .notdef box for them.
    for (const run of runs) expect(shape(text, run).glyphs.every((glyph) => glyph.glyphId !== 0)).toBe(true)
  })

  it('needs no glyph for default ignorables, line separators or spaces the face lacks', () => {
    const noSpaces: LoadedFont = {...khmer, covers: (codePoint) => codePoint !== 0x2009 && khmer.covers(codePoint)}
    const {diagnostics} = itemize('ក\u200Bខ\u2009គ\nឃ\u2060', [noSpaces])
    expect(diagnostics).toEqual([])
  })

  it('rejects an empty chain', () => {
    expect(() => itemize('ក', [])).toThrow('font chain is empty')
  })

  it('returns no runs for empty text', () => {
    expect(itemize('', chain)).toEqual({runs: [], diagnostics: []})
  })
})
