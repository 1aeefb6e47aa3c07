import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {readRepoFile} from '../test/project.js'
import {firstTerm, parseGlossary, termMatches} from './glossary.js'

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

describe('parseGlossary', () => {
  const shipped = readRepoFile('glossary.yaml').toString('utf8')
  const messages = (text: string) => parseGlossary('glossary.yaml', text).file.messages.map((m) => `${m.line}:${m.column} ${m.reason}`)

  it('reads the shipped glossary, and an empty file as an empty glossary', () => {
    const {glossary, file} = parseGlossary('glossary.yaml', shipped)
    expect(file.messages).toEqual([])
    expect(glossary!.terms[0]).toEqual({en: ['Government of Japan'], km: ['រដ្ឋាភិបាលជប៉ុន'], note: null})
    expect(glossary!.terms.find((term) => term.en[0] === 'Pursat')?.note).toBe('Province in western Cambodia.')
    expect(glossary!.keep).toEqual(['ILO'])
    expect(parseGlossary('glossary.yaml', '# none yet\n').glossary).toEqual({terms: [], keep: []})
    expect(parseGlossary('glossary.yaml', 'terms:\n  - en: Japan\n    km: ជប៉ុន\nkeep: ILO\n').glossary).toEqual({
      terms: [{en: ['Japan'], km: ['ជប៉ុន'], note: null}],
      keep: ['ILO']
    })
  })

  it('names each mistake in a term by where the term stands in the list', () => {
    const text = 'terms:\n  - en: [Japan]\n    km: [ជប៉ុន]\n  - en: [Cambodia]\n    kh: [កម្ពុជា]\n  - en: []\n    km: ["  "]\n  - Thailand\n'
    expect(messages(text)).toEqual([
      '4:5 `km` in item 2 of `terms` is missing; add it',
      '5:5 Unknown key `kh` in item 2 of `terms`; did you mean `km`?',
      '6:9 `en` in item 3 of `terms` is an empty list; write at least one term',
      '7:10 item 1 of `km` in item 3 of `terms` is empty; write the term or remove the line',
      '8:5 item 4 of `terms` must be a term: `en:`, `km:` and an optional `note:`'
    ])
    expect(parseGlossary('glossary.yaml', text).glossary).toBeNull()
  })

  it('names unknown top-level keys and wrong shapes', () => {
    expect(messages('term:\n  - en: x\n    km: y\n')).toEqual(['1:1 Unknown key `term`; did you mean `terms`?'])
    expect(messages('terms: Japan\n')).toEqual(['1:8 `terms` must be a list of `- en: … km: …` entries'])
    expect(messages('keep: {a: 1}\n')).toEqual(['1:7 `keep` must be text or a list of text'])
    expect(messages('- Japan\n')).toEqual(['1:1 The glossary holds `terms:` and `keep:`; start from the example in README.md'])
  })
})
