import {describe, expect, it} from 'vitest'
import {readRepoFile, seedPath} from '../test/project.js'
import {formatCodePoints, isValidSyllable, khmerCategory, normalizeCluster, scanClusters, type ClusterProblem} from './cluster.js'

const seed = readRepoFile(seedPath).toString('utf8')

describe('khmerCategory', () => {
  it('gives HarfBuzz’s categories', () => {
    const categories = Object.fromEntries(
      [0x1780, 0x179a, 0x17a5, 0x17d2, 0x17c9, 0x17cc, 0x17c6, 0x17c7, 0x17dd, 0x17c1, 0x17bb, 0x17b7, 0x17b6, 0x17c4, 0x17be, 0x200c, 0x17e1, 0x31, 0x17d4, 0x17b4, 0x41].map(
        (cp) => [cp.toString(16), khmerCategory(cp)]
      )
    )
    expect(categories).toEqual({
      '1780': 'C',
      '179a': 'Ra',
      '17a5': 'V',
      '17d2': 'Coeng',
      '17c9': 'Robatic',
      '17cc': 'Robatic',
      '17c6': 'Xgroup',
      '17c7': 'Ygroup',
      '17dd': 'Ygroup',
      '17c1': 'VPre',
      '17bb': 'VBlw',
      '17b7': 'VAbv',
      '17b6': 'VPst',
      '17c4': 'VPst',
      '17be': 'VAbv',
      '200c': 'ZWNJ',
      '17e1': 'Placeholder',
      '31': 'Placeholder',
      '17d4': 'Other',
      '17b4': 'Other',
      '41': 'Other'
    })
  })
})

describe('scanClusters', () => {
  it('keeps a coeng stack, its vowel and signs in one cluster', () => {
    expect(scanClusters('ស្ត្រី ព្រះរាជាណាចក្រ').clusters.map((c) => c.text)).toEqual(['ស្ត្រី', 'ព្រះ', 'រា', 'ជា', 'ណា', 'ច', 'ក្រ'])
    expect(scanClusters('អ៊ុំ').clusters.map((c) => [c.text, c.kind])).toEqual([['អ៊ុំ', 'syllable']])
  })

  it('reads the seed as the regex of KHMER.md §3 does, with nothing to report', () => {
    const regex = /[\u1780-\u17A2\u17A5-\u17B3]\u17CC?(?:\u17D2[\u1780-\u17B3])*[\u17C9\u17CA]?[\u17B6-\u17C5]*[\u17C6-\u17D1\u17D3\u17DD]*/gu
    const {clusters, invalid} = scanClusters(seed)
    expect(clusters.filter((c) => /^[\u1780-\u17b3]/.test(c.text)).map((c) => c.text)).toEqual([...seed.matchAll(regex)].map((m) => m[0]))
    expect(invalid).toEqual([])
    for (const cluster of clusters) expect(normalizeCluster(cluster.text), formatCodePoints(cluster.text)).toBe(cluster.text)
  })

  const cases: Array<[string, string, ClusterProblem, string]> = [
    ['a mark after a space', 'ក ាក', 'no-base', 'ា'],
    ['a mark at the start', 'ាក', 'no-base', 'ា'],
    ['a lone coeng at the start', '្ក', 'no-base', '្ក'],
    ['two coengs', 'ក្្ក', 'repeated-coeng', '្្'],
    ['three coengs', 'ក្្្ក', 'repeated-coeng', '្្្'],
    ['a coeng before a vowel', 'ក្ា', 'coeng-without-consonant', '្ា'],
    ['a trailing coeng', 'ក្ ក', 'trailing-coeng', '្'],
    ['a coeng before a full stop', 'ក្។', 'trailing-coeng', '្'],
    ['a zero-width space after a coeng', 'ក្\u200bក', 'invisible-in-cluster', '\u200b'],
    ['a zero-width space before a vowel', 'ក\u200bា', 'invisible-in-cluster', '\u200b'],
    ['a ZWNJ before a vowel', 'ក\u200cា', 'invisible-in-cluster', '\u200c'],
    ['U+17B4 before a vowel', 'ក\u17b4ា', 'invisible-in-cluster', '\u17b4'],
    ['a vowel typed twice', 'កាា', 'duplicate-vowel', 'ាា'],
    ['an above vowel before a below vowel', 'កិុ', 'above-before-below', 'ិុ'],
    ['two vowels', 'កាិ', 'two-vowels', 'ាិ'],
    ['a shifter after the vowel', 'កា៉', 'shifter-after-vowel', 'ា៉'],
    ['a robat after the vowel', 'កា៌', 'shifter-after-vowel', 'ា៌'],
    ['a vowel after reahmuk', 'កះា', 'after-final-sign', 'ះា'],
    ['a sign after reahmuk', 'កះំ', 'after-final-sign', 'ះំ'],
    ['the same subscript twice', 'ក្ល្ល', 'repeated-subscript', '្ល'],
    ['the same subscript three times', 'ក្ល្ល្ល', 'repeated-subscript', '្ល្ល'],
    ['the same subscript twice before coeng-Ro', 'ស្ត្ត្រី', 'repeated-subscript', '្ត'],
    ['the same sign twice', 'កំំ', 'repeated-sign', 'ំ'],
    ['the same bantoc twice', 'ក់់', 'repeated-sign', '់'],
    ['reahmuk twice', 'កះះ', 'repeated-sign', 'ះ']
  ]
  for (const [name, text, problem, span] of cases) {
    it(`reports ${name}`, () => {
      const {invalid} = scanClusters(text)
      expect(invalid.map((s) => [s.problem, s.text])).toEqual([[problem, span]])
      expect(invalid[0]!.text).toBe(text.slice(invalid[0]!.start, invalid[0]!.end))
      expect(invalid[0]!.dottedCircle).toBe(!['trailing-coeng', 'repeated-subscript', 'repeated-sign'].includes(problem) && !text.includes('្\u200b'))
    })
  }

  it('accepts what HarfBuzz accepts', () => {
    for (const text of ['កាំ', 'ក៉\u200cិ', 'កេា', 'ក្ក្រោះ', 'ក្ស័យ', '១ា', 'ក ក', 'កញ្ញា', 'ស្ត្រី', 'ក្ក', 'ស៊ីស៊ី']) expect(scanClusters(text).invalid, formatCodePoints(text)).toEqual([])
  })

  it('gives offsets in UTF-16 units, past astral characters', () => {
    const {invalid} = scanClusters('😀 ា')
    expect(invalid.map((s) => [s.start, s.end])).toEqual([[3, 4]])
  })
})

describe('normalizeCluster', () => {
  it('puts coeng-Ro last, signs after the vowel, and composes split vowels', () => {
    expect(normalizeCluster('ស្រ្តី')).toBe('ស្ត្រី')
    expect(normalizeCluster('កំា')).toBe('កាំ')
    expect(normalizeCluster('កេា')).toBe('កោ')
    expect(normalizeCluster('កេី')).toBe('កើ')
    expect(normalizeCluster('ក៉្ក')).toBe('ក្ក៉')
    expect(normalizeCluster('ក្ក៌')).toBe('ក៌្ក')
  })

  it('leaves standard clusters, clusters with joiners and trailing coengs alone', () => {
    for (const text of ['ស្ត្រី', 'កាំ', 'ក៉\u200cិ', 'ក្', 'ក\u200dំា', 'ា']) expect(normalizeCluster(text), formatCodePoints(text)).toBe(text)
  })

  it('reorders broken clusters into valid ones where it can', () => {
    expect(normalizeCluster('កា៉')).toBe('ក៉ា')
    expect(isValidSyllable('កា៉')).toBe(false)
    expect(isValidSyllable('ក៉ា')).toBe(true)
  })
})

describe('formatCodePoints', () => {
  it('names each code point', () => {
    expect(formatCodePoints('ក្\u200b😀')).toBe('U+1780 U+17D2 U+200B U+1F600')
  })
})
