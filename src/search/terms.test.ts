import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {scanClusters} from '../khmer/cluster.js'
import {readRepoFile, seedPath} from '../test/project.js'
import {indexText, khmerToken, khmerWordsOf, searchText} from './terms.js'

/** What the index holds for each Khmer word, by its definition: the word's token, then the token of the word from each later cluster on. */
function endingsByDefinition(text: string): string[] {
  return khmerWordsOf(text).flatMap((word) => [khmerToken(word), ...scanClusters(word).clusters.slice(1).map((cluster) => khmerToken(word.slice(cluster.start)))])
}

const seedKhmer = readRepoFile(seedPath).toString('utf8').split('# ខ្មែរ')[1]!

describe('indexText', () => {
  it('holds each Khmer word and its endings, as tokens, for the seed', () => {
    expect(indexText(seedKhmer).split(' ').filter((token) => token.startsWith('xq'))).toEqual(endingsByDefinition(seedKhmer))
  })

  it('holds each Khmer word and its endings for any mix of Khmer, Latin and signs (property)', () => {
    const piece = fc.oneof(
      fc.constantFrom('ក', 'ខ្មែរ', 'ស្ត្រី', 'ៗ', '។', ' ', '\u200B', 'ផ្ដល់', 'ជប៉ុន', 'PR-26/EoJ', '១,០០០', 'ា', '្', 'ុំ', 'ក្រុមហ៊ុន'),
      fc.string({unit: fc.integer({min: 0x1780, max: 0x17ff}).map((code) => String.fromCodePoint(code)), maxLength: 6})
    )
    fc.assert(
      fc.property(fc.array(piece, {maxLength: 30}).map((parts) => parts.join('')), (text) => {
        expect(indexText(text).split(' ').filter((token) => token.startsWith('xq'))).toEqual(endingsByDefinition(text))
        // A query holds the words alone, as the index holds them first.
        expect(searchText(text).split(' ').filter((token) => token.startsWith('xq'))).toEqual(khmerWordsOf(text).map(khmerToken))
      }),
      {numRuns: Number(process.env.FUZZ_RUNS ?? 300)}
    )
  })
})
