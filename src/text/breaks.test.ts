import {describe, expect, it} from 'vitest'
import {breakOpportunities, type BreakKind} from './breaks.js'
import {graphemeBoundaries} from './graphemes.js'

/** The text cut at every opportunity, each piece tagged with the kind of break that ends it. */
function pieces(text: string): Array<[string, BreakKind | 'required']> {
  let start = 0
  return breakOpportunities(text).map((opportunity) => {
    const piece = text.slice(start, opportunity.offsetUtf16)
    start = opportunity.offsetUtf16
    return [piece, opportunity.required ? 'required' : opportunity.kind]
  })
}

describe('breakOpportunities', () => {
  it('adds the Khmer word boundaries of the segmenter to UAX #14', () => {
    expect(pieces('រដ្ឋាភិបាលជប៉ុននឹងផ្តល់ថវិកា')).toEqual([
      ['រដ្ឋាភិបាល', 'word'],
      ['ជប៉ុន', 'word'],
      ['នឹង', 'word'],
      ['ផ្តល់', 'word'],
      ['ថវិកា', 'other']
    ])
  })

  it('keeps numbers and amounts whole', () => {
    expect(pieces('ចំនួន ១,០០០,០០០ ដុល្លារ US$1,000,000 ok')).toEqual([
      ['ចំនួន ', 'space'],
      ['១,០០០,០០០ ', 'space'],
      ['ដុល្លារ ', 'space'],
      ['US$1,000,000 ', 'space'],
      ['ok', 'other']
    ])
  })

  it('never breaks before ។ ៕ ៖ ៗ or a closing mark, nor after an opening one', () => {
    expect(pieces('អន្តរជាតិ (ILO) ។ ទឹកប្រាក់៖ “គម្រោង”។ ផ្សេងៗ')).toEqual([
      ['អន្តរជាតិ ', 'space'],
      ['(ILO) ។ ', 'space'],
      ['ទឹកប្រាក់៖ ', 'space'],
      ['“គម្រោង”។ ', 'space'],
      ['ផ្សេងៗ', 'other']
    ])
  })

  it('breaks at ZWSP, after a closing quote and its space (UAX #14 for Unicode 15.1), and at line feeds', () => {
    expect(pieces('ក\u200Bខ ‘The Project’ (US$1) a\nb')).toEqual([
      ['ក\u200B', 'word'],
      ['ខ ', 'space'],
      ['‘The ', 'space'],
      ['Project’ ', 'space'],
      ['(US$1) ', 'space'],
      ['a\n', 'required'],
      ['b', 'other']
    ])
  })

  it('never breaks inside a grapheme cluster', () => {
    const text = 'ស្ត្រីក្រុមហ៊ុន'
    for (const {offsetUtf16} of breakOpportunities(text)) expect(text.charCodeAt(offsetUtf16 - 1)).not.toBe(0x17d2)
  })

  it('finds nothing in empty text', () => {
    expect(breakOpportunities('')).toEqual([])
  })
})

describe('breakOpportunities on Khmer typed in a legacy order', () => {
  // Each word as the standard order has it, and as typed with coeng-Ro
  // before another subscript, a vowel before the subscript, or a split vowel.
  const spellings: Array<[standard: string, legacy: string]> = [
    ['យុទ្ធសាស្ត្រ', 'យុទ្ធសាស្រ្ត'],
    ['ប្តេជ្ញា', 'បេ្តជ្ញា'],
    ['ស្ត្រី', 'ស្រ្តី'],
    ['ពោធិ៍សាត់', 'ពេាធិ៍សាត់'],
    ['ក្សត្រ', 'ក្សត្រ']
  ]
  const standardText = 'ក្រសួងបានដាក់ចេញយុទ្ធសាស្ត្រថ្មីដើម្បីគាំទ្រស្ត្រីនិងកុមារ ហើយប្តេជ្ញាចិត្តជួយខេត្តពោធិ៍សាត់ និងក្សត្រ ។'
  const legacyText = spellings.reduce((text, [standard, legacy]) => text.replaceAll(standard, legacy), standardText)
  const toStandard = (text: string) => spellings.reduce((result, [standard, legacy]) => result.replaceAll(legacy, standard), text)

  it('breaks where it breaks the same text in the standard order', () => {
    expect(legacyText).not.toBe(standardText)
    expect(pieces(legacyText).map(([piece, kind]) => [toStandard(piece), kind])).toEqual(pieces(standardText))
  })

  it('keeps words the dictionary alone would cut when typed so', () => {
    const raw = [...new Intl.Segmenter('km', {granularity: 'word'}).segment(legacyText)].map((segment) => segment.segment)
    // ICU does not know the legacy spellings...
    expect(raw).not.toContain('យុទ្ធសាស្រ្ត')
    // ...but the breaks keep them whole.
    const found = pieces(legacyText).map(([piece]) => piece.trim())
    expect(found).toContain('យុទ្ធសាស្រ្ត')
    expect(found).toContain('បេ្តជ្ញា')
  })

  it('gives offsets in the text as typed, at cluster starts', () => {
    const clusterStarts = new Set(graphemeBoundaries(legacyText))
    for (const {offsetUtf16} of breakOpportunities(legacyText)) expect(clusterStarts.has(offsetUtf16)).toBe(true)
  })
})
