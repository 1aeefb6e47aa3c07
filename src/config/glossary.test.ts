import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {firstTerm, termMatches} from './glossary.js'

/** The definition: the term, its spaces as any white space, with no letter or digit on either side. */
function reference(text: string, term: string): Array<{index: number; text: string}> {
  const escaped = term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+')
  const flags = term === term.toUpperCase() ? 'gu' : 'giu'
  return [...text.matchAll(new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, flags))].map((m) => ({index: m.index, text: m[0]}))
}

describe('termMatches', () => {
  it('finds whole words only, in any case unless the term is an acronym', () => {
    expect([...termMatches('Japan, JAPANESE japan; Japan2 and the ILO, Ilo.', 'Japan')].map((m) => m.index)).toEqual([0, 16])
    expect([...termMatches('the ILO, Ilo and ILOs', 'ILO')].map((m) => m.text)).toEqual(['ILO'])
    expect(firstTerm('returning\nmigrant  workers', 'migrant workers')).toEqual({index: 10, text: 'migrant  workers'})
    expect(firstTerm('ខ្មែរILO', 'ILO')).toBeNull()
    expect(firstTerm('𝐀ILO ILO', 'ILO')).toEqual({index: 6, text: 'ILO'})
  })

  it('agrees with the look-around regular expression on any text', () => {
    const pieces = ['ILO', 'ilo', 'Japan', 'japan', ' ', '\n', ',', 'a', '1', '៤', 'ក', '𝐀', '\u{1F600}', 'é', 'ILOILO', 'Japan Japan']
    const text = fc.array(fc.constantFrom(...pieces), {maxLength: 12}).map((parts) => parts.join(''))
    fc.assert(
      fc.property(text, fc.constantFrom('ILO', 'Japan', 'Japan Japan', 'a'), (sample, term) => {
        expect([...termMatches(sample, term)]).toEqual(reference(sample, term))
      }),
      {numRuns: 2000}
    )
  })
})
