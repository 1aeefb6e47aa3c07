import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {readRepoFile, seedPath} from '../test/project.js'
import {englishSentences, sentenceSegments} from './sentences.js'

const whole = (text: string) => [...new Intl.Segmenter('en', {granularity: 'sentence'}).segment(text)].map(({index, segment}) => ({index, segment}))

describe('English sentences', () => {
  it('are found a piece at a time exactly as over the whole text (property)', () => {
    const word = fc.constantFrom('Japan', 'Mr.', 'H.E.', 'U.S.', 'grant', 'No. 10', 'US$1.5', 'e.g.', 'ILO', '1,000', 'the', '"Yes."', 'well?', 'so!', '\n', '  ', '...', 'Cambodia.')
    const text = fc.array(word, {maxLength: 300}).map((words) => words.join(' '))
    fc.assert(
      // Long enough to be segmented a window at a time, each break with 20 characters in view after it: the words have shorter runs without a letter.
      fc.property(fc.array(text, {minLength: 1, maxLength: 12}).map((texts) => texts.join(' ')), (value) => {
        expect(sentenceSegments(value, 20)).toEqual(whole(value))
      }),
      {numRuns: Number(process.env.FUZZ_RUNS ?? 300)}
    )
  })

  it('of a 200,000-character paragraph are the same as of its sentences one by one', () => {
    const sentence = 'The Government of Japan will provide support to H.E. Mr. UENO Atsushi. '
    const long = sentence.repeat(3000)
    const spans = englishSentences(long)
    expect(spans).toHaveLength(3000)
    expect(spans.every((span, i) => span.start === i * sentence.length && long.slice(span.start, span.end) === sentence.trim())).toBe(true)
  })

  it('of the seed keep `H.E. Mr. UENO Atsushi` inside one sentence', () => {
    const seed = readRepoFile(seedPath).toString('utf8')
    const paragraph = seed.split('\n\n').find((block) => block.includes('H.E. Mr. UENO'))!
    const sentences = englishSentences(paragraph).map((span) => paragraph.slice(span.start, span.end))
    expect(sentences.some((sentence) => sentence.includes('H.E. Mr. UENO Atsushi'))).toBe(true)
  })
})
