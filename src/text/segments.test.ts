import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {afterSpace, segmentStarts} from './segments.js'

const graphemes = new Intl.Segmenter('km', {granularity: 'grapheme'})
const words = new Intl.Segmenter('km', {granularity: 'word'})
const whole = (segmenter: Intl.Segmenter, text: string) => [...segmenter.segment(text)].map((segment) => segment.index)

// Pieces a writer puts together: Khmer words with coeng stacks, Latin words,
// numbers, spaces, ZWSP, punctuation, a combining mark after a space, emoji.
const pieces = [
  'ស្ត្រី',
  'ក្សត្រ',
  'រដ្ឋាភិបាល',
  'ជប៉ុន',
  'នឹងផ្តល់ថវិកា',
  'សហគមន៍',
  '១,០០០,០០០',
  'ILO',
  'US$1,000,000',
  'Kampong',
  ' ',
  '  ',
  '\u200b',
  '។',
  ' ។ ',
  '\n',
  ' \u17b6',
  '👩‍👩‍👧',
  '🇰🇭🇯🇵',
  'e\u0301'
]
const text = fc.array(fc.constantFrom(...pieces), {minLength: 0, maxLength: 1200}).map((parts) => parts.join(''))
const runs = Number(process.env.FUZZ_RUNS ?? 60)

describe('segmentStarts', () => {
  it('gives the grapheme starts of one pass over the whole text', () => {
    fc.assert(
      fc.property(text, (value) => {
        expect(segmentStarts(value, graphemes)).toEqual(whole(graphemes, value))
      }),
      {numRuns: runs}
    )
  })

  it('gives the word starts of one pass over the whole text, Khmer dictionary words included', () => {
    fc.assert(
      fc.property(text, (value) => {
        expect(segmentStarts(value, words, afterSpace)).toEqual(whole(words, value))
      }),
      {numRuns: runs}
    )
  })

  it('cuts a long text into windows and still agrees', () => {
    // Several windows, and a run of Khmer letters with no space longer than one window.
    const long = `${'ស្ថានទូតជប៉ុនប្រចាំកម្ពុជា ផ្តល់ថវិកា '.repeat(100)}${'រដ្ឋាភិបាលជប៉ុន'.repeat(200)} ILO`
    expect(long.length).toBeGreaterThan(6000)
    expect(segmentStarts(long, words, afterSpace)).toEqual(whole(words, long))
    expect(segmentStarts(long, graphemes)).toEqual(whole(graphemes, long))
  })
})
